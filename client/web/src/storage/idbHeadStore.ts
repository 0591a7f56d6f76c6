import { type HeadStore, type HubLogState, hubLogStateSchema } from "#client/core/log/headStore";
import { idbGet, idbPut } from "./idb.ts";

/** A stored state that does not parse: thrown rather than read as empty (an alert may be lost). */
export class CorruptHeadStoreError extends Error {
  override readonly name = "CorruptHeadStoreError";
  /** Stable identifier. */
  readonly code = "corrupt_head_store";
}

/**
 * The browser's {@link HeadStore}: the pinned log key, the accepted tree head and the security
 * alerts of each hub, in IndexedDB, so that they outlive the page like the CLI's
 * `log-heads.json` outlives the process.
 */
export class IndexedDbHeadStore implements HeadStore {
  /** {@inheritDoc HeadStore.load} */
  async load(hubUrl: string): Promise<HubLogState | null> {
    const raw = await idbGet("logHeads", hubUrl);
    if (raw === undefined) return null;
    const parsed = hubLogStateSchema.safeParse(raw);
    if (!parsed.success) {
      throw new CorruptHeadStoreError(`the stored log state of ${hubUrl} is unreadable`, {
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  /** {@inheritDoc HeadStore.save} */
  async save(hubUrl: string, state: HubLogState): Promise<void> {
    await idbPut("logHeads", hubUrl, hubLogStateSchema.parse(state));
  }
}
