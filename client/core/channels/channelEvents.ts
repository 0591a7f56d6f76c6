import type { MessageContent } from "#shared/channels/content";

/** A message that verified and decrypted. */
export interface ReceivedMessage {
  readonly channelId: string;
  readonly seq: number;
  readonly senderDeviceId: string;
  /** The sender's person, from the log. */
  readonly senderPersonId: string;
  readonly senderSeq: number;
  readonly clientMessageId: string;
  readonly content: MessageContent;
  readonly storedAt: string;
  /** True when it arrived after a later message of the same sender (the hub reordered). */
  readonly late: boolean;
}

/** Why a stored message was not delivered. */
export type RejectionReason =
  /** A sender sequence number already seen: a replay. */
  | "replay"
  /** Not signed by the device it names, or that device is not in the log. */
  | "forged_sender"
  /** Sent by a device that is not a recipient of the epoch it names. */
  | "not_a_recipient"
  /** An envelope of another channel served in this one. */
  | "wrong_channel"
  /** Signed, but the ciphertext does not open with the epoch's key. */
  | "undecryptable";

/** What a {@link ChannelClient} reports; subscribe with `on`. */
export interface ChannelEvents {
  message: (message: ReceivedMessage) => void;
  /** A message this device cannot read: sent before it could (restricted channel), or no key. */
  unreadable: (info: {
    channelId: string;
    seq: number;
    senderDeviceId: string;
    epoch: number;
  }) => void;
  /** Sender sequence numbers `from`..`to` of `senderDeviceId` never arrived. */
  gap: (info: {
    channelId: string;
    senderDeviceId: string;
    senderPersonId: string;
    from: number;
    to: number;
  }) => void;
  /** A message of `senderDeviceId` arrived after a later one of theirs. */
  reordered: (info: {
    channelId: string;
    seq: number;
    senderDeviceId: string;
    senderSeq: number;
  }) => void;
  /** A message names a previous hash that is not the sender's previous message. */
  chain_mismatch: (info: { channelId: string; seq: number; senderDeviceId: string }) => void;
  rejected: (info: {
    channelId: string;
    seq: number;
    senderDeviceId: string;
    reason: RejectionReason;
  }) => void;
}
