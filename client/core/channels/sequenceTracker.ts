import type { PeerState } from "./channelState.ts";

/** What the order of a sender's messages says about one more of them. */
export type SequenceVerdict =
  | { kind: "in_order" }
  /** Numbers `from`..`to` of this sender never arrived before this one: dropped or delayed. */
  | { kind: "gap"; from: number; to: number }
  /** A number that was missing arrives late: the hub reordered the sender's messages. */
  | { kind: "reordered" }
  /** A number already seen: the hub (or someone) replays a message. */
  | { kind: "replay" }
  /** The next number, but its `prevHash` is not the hash of the sender's previous message. */
  | { kind: "chain_mismatch" };

/**
 * Checks a sender's message against what was seen of that sender (docs/protocol.md §10.4) and
 * returns the updated state. A sender's messages are numbered 1, 2, 3... and each names the hash
 * of the previous one, so receivers catch drops, replays and reordering by the hub.
 */
export function trackSequence(
  peer: PeerState | undefined,
  senderSeq: number,
  prevHash: string | null,
  hash: string,
): { verdict: SequenceVerdict; next: PeerState } {
  const state = peer ?? { highest: 0, lastHash: null, missing: [] };
  if (senderSeq <= state.highest) {
    if (!state.missing.includes(senderSeq)) return { verdict: { kind: "replay" }, next: state };
    const missing = state.missing.filter((n) => n !== senderSeq);
    return { verdict: { kind: "reordered" }, next: { ...state, missing } };
  }
  const next: PeerState = { highest: senderSeq, lastHash: hash, missing: state.missing };
  if (senderSeq > state.highest + 1) {
    const skipped = Array.from(
      { length: senderSeq - state.highest - 1 },
      (_, i) => state.highest + 1 + i,
    );
    return {
      verdict: { kind: "gap", from: state.highest + 1, to: senderSeq - 1 },
      next: { ...next, missing: [...state.missing, ...skipped] },
    };
  }
  if (prevHash !== state.lastHash) return { verdict: { kind: "chain_mismatch" }, next };
  return { verdict: { kind: "in_order" }, next };
}
