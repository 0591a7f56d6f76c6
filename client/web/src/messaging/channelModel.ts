import type { ReceivedMessage } from "#client/core/channels/channelEvents";
import type { AttachmentRef } from "#shared/channels/content";

/** A message as the reading screen shows it. */
export interface ShownMessage {
  readonly seq: number;
  readonly senderPersonId: string;
  readonly senderDeviceId: string;
  readonly text: string;
  readonly attachments: readonly AttachmentRef[];
  /** When the hub stored it (the sender's clock is not trusted for ordering). */
  readonly storedAt: string;
  /** Sent by this device. */
  readonly own: boolean;
  /** Arrived after a later message of the same sender. */
  readonly late: boolean;
  /** A kind of content this screen does not show as text (an alert version, a follow-up). */
  readonly otherKind: string | null;
}

/** A message typed here that the hub has not stored yet. */
export interface PendingMessage {
  readonly localId: string;
  readonly channelId: string;
  readonly text: string;
  readonly fileNames: readonly string[];
  /** `waiting`: for the connection; `uploading`: file `uploaded` of the files; `failed`: refused. */
  status: "waiting" | "sending" | "uploading" | "failed";
  uploaded: number;
  error: unknown;
}

/**
 * What the SDK or the log verifier caught: shown as a banner that stays until the person
 * acknowledges it explicitly. `log` carries a security alert of the transparency log.
 */
export interface ChannelWarning {
  readonly id: string;
  readonly kind:
    | "gap"
    | "replay"
    | "forged_sender"
    | "not_a_recipient"
    | "wrong_channel"
    | "undecryptable"
    | "chain_mismatch"
    | "log";
  /** The channel it is about; null for the log's alerts, which concern the whole hub. */
  readonly channelId: string | null;
  /** The device or person concerned, or the alert's own sentence. */
  readonly detail: string;
  readonly at: string;
}

/** The screen's view of a received message. */
export function shownMessage(message: ReceivedMessage, ownDeviceId: string): ShownMessage {
  const { content } = message;
  return {
    seq: message.seq,
    senderPersonId: message.senderPersonId,
    senderDeviceId: message.senderDeviceId,
    text: content.kind === "text" ? content.text : "",
    attachments: content.kind === "text" ? content.attachments : [],
    storedAt: message.storedAt,
    own: message.senderDeviceId === ownDeviceId,
    late: message.late,
    otherKind: content.kind === "text" ? null : content.kind,
  };
}

/** Adds `incoming` to `messages` once each (by channel sequence number), in channel order. */
export function mergeMessages(
  messages: readonly ShownMessage[],
  incoming: readonly ShownMessage[],
): ShownMessage[] {
  const bySeq = new Map(messages.map((message) => [message.seq, message]));
  for (const message of incoming) if (!bySeq.has(message.seq)) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
