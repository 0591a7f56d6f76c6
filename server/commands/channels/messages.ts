import type { DeliveredMessage, Envelope } from "#shared/channels/envelope";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { mayReadChannel } from "../../policies/channels";
import {
  advanceCursor,
  appendMessage,
  cursorsOf,
  findByClientId,
  lockForSend,
  type MessageRow,
  messagesAfter,
} from "../../store/channels";
import { isUniqueViolation } from "../../store/registerConstraints";
import { loadReadableChannel } from "./channelRecords";

/** Decoded size of base64url text. */
function decodedLength(text: string): number {
  return Math.floor((text.length * 3) / 4);
}

function delivered(row: MessageRow): DeliveredMessage {
  return { seq: row.seq, envelope: JSON.parse(row.envelope), storedAt: row.storedAt.toISOString() };
}

/**
 * Persists an envelope with the channel's next sequence number, then pushes it to the devices the
 * channel reaches (persist, then fan out). The hub checks what it can see: the sender is the
 * acting device and reads the channel, the epoch is the current one and still covers exactly
 * the channel's devices (else the sender must rotate first), the size is within bounds. A client
 * message id already stored answers with its first sequence number and stores nothing.
 */
export async function sendMessage(
  hub: HubContext,
  actor: AuthenticatedActor,
  envelope: Envelope,
): Promise<{ seq: number; duplicate: boolean }> {
  if (envelope.senderDeviceId !== actor.deviceId) {
    throw new AppError("sender_mismatch", "A message is sent by the device it names.");
  }
  if (decodedLength(envelope.ciphertext) > hub.config.messageMaxBytes) {
    throw new AppError(
      "message_too_large",
      `A message holds at most ${hub.config.messageMaxBytes} bytes of ciphertext.`,
    );
  }
  const db = hub.database.db;
  type Stored = { seq: number; storedAt: Date; deviceIds: string[] } | { duplicateOf: number };
  let stored: Stored;
  try {
    stored = await db.transaction(async (tx): Promise<Stored> => {
      const facts = await lockForSend(
        tx,
        envelope.channelId,
        actor.personId,
        actor.deviceId,
        envelope.clientMessageId,
      );
      if (!facts) throw new AppError("unknown_channel", "No such channel.");
      // A retry of a stored message is answered before anything else is checked.
      if (facts.existingSeq !== null) return { duplicateOf: facts.existingSeq };
      if (!mayReadChannel(actor, facts.isReader ? [envelope.channelId] : [])) {
        throw new AppError("not_member", "You hold none of this channel's posts.");
      }
      if (envelope.epoch !== facts.currentEpoch) {
        throw new AppError("stale_epoch", `The channel is at epoch ${facts.currentEpoch}.`);
      }
      const { covered, audience } = facts;
      if (covered.length !== audience.length || covered.some((id, i) => id !== audience[i])) {
        throw new AppError(
          "rotation_required",
          "The channel's devices changed since this epoch began: start a new epoch.",
        );
      }
      const storedAt = hub.now();
      const seq = await appendMessage(tx, {
        channelId: envelope.channelId,
        senderDeviceId: actor.deviceId,
        clientMessageId: envelope.clientMessageId,
        epoch: envelope.epoch,
        envelope: JSON.stringify(envelope),
        storedAt,
      });
      return { seq, storedAt, deviceIds: audience };
    });
  } catch (error) {
    // The same client message id raced in on another connection: the first copy stands.
    if (!isUniqueViolation(error)) throw error;
    const first = await findByClientId(db, actor.deviceId, envelope.clientMessageId);
    if (!first) throw error;
    return duplicateOf(first, envelope);
  }
  if ("duplicateOf" in stored) return { seq: stored.duplicateOf, duplicate: true };
  hub.metrics.messagesStored.inc();
  hub.delivery.message(stored.deviceIds, {
    channelId: envelope.channelId,
    seq: stored.seq,
    envelope,
    storedAt: stored.storedAt.toISOString(),
  });
  return { seq: stored.seq, duplicate: false };
}

function duplicateOf(
  earlier: { channelId: string; seq: number },
  envelope: Envelope,
): { seq: number; duplicate: boolean } {
  if (earlier.channelId !== envelope.channelId) {
    throw new AppError("conflict", "This client message id was used in another channel.");
  }
  return { seq: earlier.seq, duplicate: true };
}

/** A page of messages after `afterSeq`, or after the device's cursor. */
export async function syncMessages(
  hub: HubContext,
  actor: AuthenticatedActor,
  request: { channelId: string; afterSeq?: number | undefined; limit: number },
): Promise<{ messages: DeliveredMessage[]; lastSeq: number }> {
  const db = hub.database.db;
  const channel = await loadReadableChannel(db, actor, request.channelId);
  const after =
    request.afterSeq ?? (await cursorsOf(db, actor.deviceId, [channel.id])).get(channel.id) ?? 0;
  const rows = await messagesAfter(db, channel.id, after, request.limit);
  return { messages: rows.map(delivered), lastSeq: channel.lastSeq };
}

/** Moves the device's cursor to `seq` (never back, never past the channel's last message). */
export async function acknowledgeMessages(
  hub: HubContext,
  actor: AuthenticatedActor,
  request: { channelId: string; seq: number },
): Promise<{ cursor: number }> {
  const db = hub.database.db;
  const channel = await loadReadableChannel(db, actor, request.channelId);
  if (request.seq > channel.lastSeq) {
    throw new AppError("validation_failed", "No message has this sequence number yet.", [
      { path: "seq", message: `must be at most ${channel.lastSeq}` },
    ]);
  }
  return { cursor: await advanceCursor(db, actor.deviceId, channel.id, request.seq) };
}
