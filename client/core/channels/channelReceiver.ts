import type { DeliveredMessage } from "#shared/channels/envelope";
import { CryptoError } from "../crypto/index.ts";
import type { TypedEmitter } from "../log/events.ts";
import type { LogVerifier } from "../log/logVerifier.ts";
import type { ChannelEvents, ReceivedMessage } from "./channelEvents.ts";
import type { ChannelState } from "./channelState.ts";
import type { EpochKeyring } from "./epochKeyring.ts";
import { openMessage, signedEnvelopeHash } from "./messageCodec.ts";
import { trackSequence } from "./sequenceTracker.ts";

/**
 * Checks one stored message against everything the receiver knows (docs/protocol.md §10.4), in
 * channel order: the signature of the device it names, from the verified log (forged senders are
 * rejected); the sender's sequence (replays rejected, gaps and reordering reported, naming the
 * sender); then the epoch key and the AEAD. Headers are checked even when the content cannot be
 * read, so a newcomer still sees every sender's numbering from the start.
 */
export async function receiveMessage(
  deps: { verifier: LogVerifier; keyring: EpochKeyring; events: TypedEmitter<ChannelEvents> },
  channelId: string,
  delivered: DeliveredMessage,
  state: ChannelState,
): Promise<ReceivedMessage | null> {
  const { envelope, seq } = delivered;
  const { senderDeviceId } = envelope;
  const emit = deps.events;
  if (envelope.channelId !== channelId) {
    emit.emit("rejected", { channelId, seq, senderDeviceId, reason: "wrong_channel" });
    return null;
  }
  const sender = await deps.verifier.loggedDevice(senderDeviceId);
  const hash = sender === undefined ? null : signedEnvelopeHash(envelope, sender.signingKey);
  if (sender === undefined || hash === null) {
    emit.emit("rejected", { channelId, seq, senderDeviceId, reason: "forged_sender" });
    return null;
  }
  // Only a device the epoch wraps its key for can have written in it; an epoch this device does
  // not know (or whose statement did not verify) cannot vouch for anyone.
  if (deps.keyring.latestEpoch(channelId) < envelope.epoch) await deps.keyring.refresh(channelId);
  if (!deps.keyring.recipientsOf(channelId, envelope.epoch).includes(senderDeviceId)) {
    emit.emit("rejected", { channelId, seq, senderDeviceId, reason: "not_a_recipient" });
    return null;
  }
  const tracked = trackSequence(
    state.peers[senderDeviceId],
    envelope.senderSeq,
    envelope.prevHash,
    hash,
  );
  const { verdict } = tracked;
  if (verdict.kind === "replay") {
    emit.emit("rejected", { channelId, seq, senderDeviceId, reason: "replay" });
    return null;
  }
  state.peers[senderDeviceId] = tracked.next;
  const senderPersonId = sender.personId;
  if (verdict.kind === "gap") {
    emit.emit("gap", {
      channelId,
      senderDeviceId,
      senderPersonId,
      from: verdict.from,
      to: verdict.to,
    });
  } else if (verdict.kind === "reordered") {
    emit.emit("reordered", { channelId, seq, senderDeviceId, senderSeq: envelope.senderSeq });
  } else if (verdict.kind === "chain_mismatch") {
    emit.emit("chain_mismatch", { channelId, seq, senderDeviceId });
  }
  const key = await deps.keyring.key(channelId, envelope.epoch);
  if (key === null) {
    emit.emit("unreadable", { channelId, seq, senderDeviceId, epoch: envelope.epoch });
    return null;
  }
  let content: ReceivedMessage["content"] | undefined;
  try {
    content = openMessage(envelope, key);
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    content = undefined;
  }
  if (content === undefined) {
    emit.emit("rejected", { channelId, seq, senderDeviceId, reason: "undecryptable" });
    return null;
  }
  return {
    channelId,
    seq,
    senderDeviceId,
    senderPersonId,
    senderSeq: envelope.senderSeq,
    clientMessageId: envelope.clientMessageId,
    content,
    storedAt: delivered.storedAt,
    late: verdict.kind === "reordered",
  };
}
