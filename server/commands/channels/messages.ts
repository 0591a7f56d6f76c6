import type { DeliveredMessage, Envelope } from "#shared/channels/envelope";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import {
  advanceCursor,
  audienceDevices,
  cursorsOf,
  findByClientId,
  findEpoch,
  insertMessage,
  lockChannel,
  type MessageRow,
  messagesAfter,
  nextSeq,
} from "../../store/channels";
import { isUniqueViolation } from "../../store/registerConstraints";
import { assertReader, loadReadableChannel } from "./channelRecords";
import { deviceSet } from "./epochs";

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
  const earlier = await findByClientId(db, actor.deviceId, envelope.clientMessageId);
  if (earlier) return duplicateOf(earlier, envelope);
  let stored: { seq: number; storedAt: Date; deviceIds: string[] };
  try {
    stored = await db.transaction(async (tx) => {
      const channel = await lockChannel(tx, envelope.channelId);
      if (!channel) throw new AppError("unknown_channel", "No such channel.");
      await assertReader(tx, actor, channel.id);
      if (envelope.epoch !== channel.currentEpoch) {
        throw new AppError("stale_epoch", `The channel is at epoch ${channel.currentEpoch}.`);
      }
      const epoch = await findEpoch(tx, channel.id, channel.currentEpoch);
      const deviceIds = deviceSet((await audienceDevices(tx, channel.id)).map((d) => d.deviceId));
      const covered = epoch?.recipientDeviceIds.slice().sort() ?? [];
      if (covered.length !== deviceIds.length || covered.some((id, i) => id !== deviceIds[i])) {
        throw new AppError(
          "rotation_required",
          "The channel's devices changed since this epoch began: start a new epoch.",
        );
      }
      const seq = await nextSeq(tx, channel.id);
      const storedAt = hub.now();
      await insertMessage(tx, {
        channelId: channel.id,
        seq,
        senderDeviceId: actor.deviceId,
        clientMessageId: envelope.clientMessageId,
        epoch: envelope.epoch,
        envelope: JSON.stringify(envelope),
        storedAt,
      });
      return { seq, storedAt, deviceIds };
    });
  } catch (error) {
    // The same client message id raced in on another connection: the first copy stands.
    if (!isUniqueViolation(error)) throw error;
    const first = await findByClientId(db, actor.deviceId, envelope.clientMessageId);
    if (!first) throw error;
    return duplicateOf(first, envelope);
  }
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
