import { z } from "zod";

/**
 * What a device remembers about each channel between runs: where its own chain of messages
 * stands (sequence and hash of its last stored message), the sequence and hash of every other
 * sender it has seen, with the numbers still missing, and the last channel sequence number it
 * processed. No keys: epoch keys are unwrapped again from the hub's copies when needed.
 */
export const peerStateSchema = z.object({
  highest: z.int().min(0),
  lastHash: z.string().nullable(),
  /** Sender sequence numbers skipped so far (a gap), still expected. */
  missing: z.array(z.int().min(1)),
});
export type PeerState = z.infer<typeof peerStateSchema>;

export const channelStateSchema = z.object({
  v: z.literal(1),
  /** Own messages: the last stored sequence number and its hash. */
  sender: z.object({ seq: z.int().min(0), lastHash: z.string().nullable() }),
  peers: z.record(z.string(), peerStateSchema),
  /** The highest channel sequence number processed (delivered or rejected). */
  processedSeq: z.int().min(0),
});
export type ChannelState = z.infer<typeof channelStateSchema>;

export function emptyChannelState(): ChannelState {
  return { v: 1, sender: { seq: 0, lastHash: null }, peers: {}, processedSeq: 0 };
}

/** Where channel states persist: memory, a file (CLI) or IndexedDB (web app). */
export interface ChannelStateStore {
  load(channelId: string): Promise<ChannelState | null>;
  save(channelId: string, state: ChannelState): Promise<void>;
}

export class MemoryChannelStateStore implements ChannelStateStore {
  private readonly states = new Map<string, ChannelState>();

  async load(channelId: string): Promise<ChannelState | null> {
    const state = this.states.get(channelId);
    return state === undefined ? null : structuredClone(state);
  }

  async save(channelId: string, state: ChannelState): Promise<void> {
    this.states.set(channelId, structuredClone(state));
  }
}
