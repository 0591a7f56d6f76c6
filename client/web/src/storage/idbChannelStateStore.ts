import {
  type ChannelState,
  type ChannelStateStore,
  channelStateSchema,
} from "#client/core/channels/channelState";
import { idbGet, idbPut } from "./idb.ts";

/** A stored channel state that does not parse: refused, since reading it as empty would replay. */
export class CorruptChannelStateError extends Error {
  override readonly name = "CorruptChannelStateError";
  /** Stable identifier. */
  readonly code = "corrupt_channel_state";
}

/**
 * The browser's {@link ChannelStateStore}: each channel's sequence state in IndexedDB, per hub
 * and device, so that a reload does not deliver the same messages again as new (the CLI keeps
 * the same state in a file). A second device enrolled in the same browser keeps its own states.
 */
export class IndexedDbChannelStateStore implements ChannelStateStore {
  constructor(
    private readonly hubUrl: string,
    private readonly deviceId: string,
  ) {}

  private key(channelId: string): string {
    return `${this.hubUrl} ${this.deviceId} ${channelId}`;
  }

  /** {@inheritDoc ChannelStateStore.load} */
  async load(channelId: string): Promise<ChannelState | null> {
    const raw = await idbGet("channelStates", this.key(channelId));
    if (raw === undefined) return null;
    const parsed = channelStateSchema.safeParse(raw);
    if (!parsed.success) {
      throw new CorruptChannelStateError(`the stored state of channel ${channelId} is unreadable`, {
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  /** {@inheritDoc ChannelStateStore.save} */
  async save(channelId: string, state: ChannelState): Promise<void> {
    await idbPut("channelStates", this.key(channelId), channelStateSchema.parse(state));
  }

  /** The last channel sequence number the person has seen on screen (for unread counts). */
  async readUpTo(channelId: string): Promise<number> {
    const raw = await idbGet("channelStates", `${this.key(channelId)} read`);
    return typeof raw === "number" ? raw : 0;
  }

  /** Records that the person has seen the channel up to `seq`. */
  async markRead(channelId: string, seq: number): Promise<void> {
    await idbPut("channelStates", `${this.key(channelId)} read`, seq);
  }
}
