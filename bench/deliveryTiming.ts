/**
 * Runs `window` loops at once, each sending one item and waiting for its answer before the
 * next, until `deadline` (performance.now() ms) or until `next` runs out; resolves with how many
 * were answered. A fixed window keeps the server busy without an unbounded queue on either side.
 */
export async function pump(
  window: number,
  deadline: number,
  next: () => Promise<void> | undefined,
): Promise<number> {
  let answered = 0;
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (performance.now() < deadline) {
        const sent = next();
        if (sent === undefined) return;
        await sent;
        answered += 1;
      }
    }),
  );
  return answered;
}

/** Waits until `predicate` holds, polling every few ms; throws after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs: number, what: string) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Seconds an action takes. */
export async function secondsOf(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return (performance.now() - started) / 1000;
}

/** Writes a note of the benchmark to stderr (stdout carries only the JSON figures). */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}
