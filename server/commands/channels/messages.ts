import type { DeliveredMessage, Envelope } from "#shared/channels/envelope";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { advanceCursor, cursorsOf, type MessageRow, messagesAfter } from "../../store/channels";
import { loadReadableChannel } from "./channelRecords";
import { SendBatcher, type SendOutcome } from "./sendBatcher";

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
): Promise<SendOutcome> {
  if (envelope.senderDeviceId !== actor.deviceId) {
    throw new AppError("sender_mismatch", "A message is sent by the device it names.");
  }
  if (decodedLength(envelope.ciphertext) > hub.config.messageMaxBytes) {
    throw new AppError(
      "message_too_large",
      `A message holds at most ${hub.config.messageMaxBytes} bytes of ciphertext.`,
    );
  }
  return batcherOf(hub).submit(actor, envelope);
}

const batchers = new WeakMap<HubContext, SendBatcher>();

/** The hub's one send batcher (group commit of sends). */
function batcherOf(hub: HubContext): SendBatcher {
  let batcher = batchers.get(hub);
  if (batcher === undefined) {
    batcher = new SendBatcher(hub);
    batchers.set(hub, batcher);
  }
  return batcher;
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
