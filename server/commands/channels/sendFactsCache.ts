import {
  type BatchLock,
  type ChannelSendFacts,
  type KeptFacts,
  type LockedChannel,
  sendFactsOf,
} from "../../store/channels";
import type { Executor } from "../../store/executor";

/** Channels whose facts a hub keeps at most; past it, it starts again from none. */
const MAX_CHANNELS = 4_096;

interface Entry extends LockedChannel {
  readonly facts: ChannelSendFacts;
}

/**
 * The send facts of channels (readers, devices the current epoch covers, devices reached), kept
 * between batches while the database's send facts version stays the same (decision 30). The
 * version is replaced by a trigger in the transaction of every change of the tables the facts
 * are read from, and read again with every batch's locks, so a kept fact is used only when a
 * fresh read would give the same; every hub on the database sees the same version.
 */
export class SendFactsCache {
  private version: string | null = null;
  private readonly entries = new Map<string, Entry>();

  /**
   * The kept facts of all the given channels, with what they assume (the version, each channel's
   * row) for `storeOnKeptFacts` to check under the lock; undefined unless every one is kept.
   */
  kept(
    channelIds: Iterable<string>,
  ): { assumed: KeptFacts; facts: Map<string, ChannelSendFacts> } | undefined {
    if (this.version === null) return undefined;
    const channels = new Map<string, LockedChannel>();
    const facts = new Map<string, ChannelSendFacts>();
    for (const channelId of channelIds) {
      const entry = this.entries.get(channelId);
      if (entry === undefined) return undefined;
      channels.set(channelId, entry);
      facts.set(channelId, entry.facts);
    }
    return { assumed: { factsVersion: this.version, channels }, facts };
  }

  /** The facts of every channel the lock found, read again where the version or the row moved. */
  async factsOf(tx: Executor, lock: BatchLock): Promise<Map<string, ChannelSendFacts>> {
    // A batch that found none of its channels reads no version: it changes nothing kept.
    if (lock.factsVersion !== null && lock.factsVersion !== this.version) {
      this.entries.clear();
      this.version = lock.factsVersion;
    }
    const facts = new Map<string, ChannelSendFacts>();
    const missing: string[] = [];
    for (const [channelId, locked] of lock.channels) {
      const entry = this.entries.get(channelId);
      if (
        entry !== undefined &&
        entry.currentEpoch === locked.currentEpoch &&
        entry.includeDeputies === locked.includeDeputies
      ) {
        facts.set(channelId, entry.facts);
      } else missing.push(channelId);
    }
    if (missing.length === 0) return facts;
    const read = await sendFactsOf(tx, missing);
    // A change committed between the two statements: right for this batch, not to be kept.
    const keep = read.factsVersion === this.version;
    if (keep && this.entries.size + missing.length > MAX_CHANNELS) this.entries.clear();
    for (const [channelId, channelFacts] of read.channels) {
      facts.set(channelId, channelFacts);
      const locked = lock.channels.get(channelId);
      if (keep && locked !== undefined)
        this.entries.set(channelId, { ...locked, facts: channelFacts });
    }
    return facts;
  }
}
