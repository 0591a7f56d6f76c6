/**
 * Group commit: appends that arrive while a transaction is running wait and share the next
 * one. Appends are serialised by a lock anyway, so a group costs about what one append costs.
 */

interface Pending<T> {
  readonly items: readonly T[];
  resolve(indices: number[]): void;
  reject(error: unknown): void;
}

/**
 * Wraps `commit` (one transaction appending `items`, resolving with their positions) so that
 * concurrent calls are batched, at most `maxItems` per transaction. If a batch fails, its calls
 * are retried one by one, so a bad call fails alone.
 */
export function groupCommit<T>(
  commit: (items: readonly T[]) => Promise<number[]>,
  maxItems: number,
): (items: readonly T[]) => Promise<number[]> {
  let queue: Pending<T>[] = [];
  let flushing = false;

  function takeGroup(): Pending<T>[] {
    let count = 0;
    let taken = 0;
    while (
      taken < queue.length &&
      (taken === 0 || count + (queue[taken]?.items.length ?? 0) <= maxItems)
    ) {
      count += queue[taken]?.items.length ?? 0;
      taken += 1;
    }
    const group = queue.slice(0, taken);
    queue = queue.slice(taken);
    return group;
  }

  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length > 0) {
      const group = takeGroup();
      try {
        const indices = await commit(group.flatMap((pending) => pending.items));
        let offset = 0;
        for (const pending of group) {
          pending.resolve(indices.slice(offset, offset + pending.items.length));
          offset += pending.items.length;
        }
      } catch (error) {
        if (group.length === 1) group[0]?.reject(error);
        else {
          for (const pending of group)
            await commit(pending.items).then(pending.resolve, pending.reject);
        }
      }
    }
    flushing = false;
  }

  return (items) => {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      queue.push({ items, resolve, reject });
      if (!flushing) void flush();
    });
  };
}
