import type { ChannelClient } from "#client/core/channels/channelClient";
import type { ReceivedMessage, RejectionReason } from "#client/core/channels/channelEvents";
import type { LogVerifier } from "#client/core/log/index";
import type { RegisterClient } from "#client/core/registerClient";
import type { ChannelView } from "#shared/api/channels";
import type { AttachmentRef, MessageContent } from "#shared/channels/content";

/**
 * `text` safe to print on a terminal: what other members write (texts, names, file names) could
 * otherwise carry escape sequences that rewrite the screen. Control characters other than line
 * breaks and tabs are shown as U+FFFD.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "\ufffd");
}

/** One line describing a channel: id, name, history policy, members, unread messages. */
export function channelLine(channel: ChannelView): string {
  const kind = channel.kind === "direct" ? " (direct)" : "";
  const members = channel.members.map((member) => `${member.country} ${member.title}`).join("; ");
  return `${channel.id}  ${printable(channel.name)}${kind}  ${channel.historyPolicy}  [${members}]  unread ${unreadOf(channel)}`;
}

/** Messages the device has not acknowledged yet. */
export function unreadOf(channel: ChannelView): number {
  return Math.max(0, channel.lastSeq - channel.cursor);
}

/** Sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Who sent what, for humans: display names of the current holders and deputies of a channel's
 * posts (from the directory), persons of devices from the messages and gaps seen. Anyone else
 * (a former holder) is shown by person id, else by device id.
 */
export class SenderDirectory {
  private readonly names = new Map<string, string>();
  private readonly persons = new Map<string, string>();
  private readonly postsLoaded = new Set<string>();

  constructor(private readonly register: RegisterClient) {}

  /** Learns the people of the channel's posts; a post the directory refuses is skipped. */
  async learnChannel(channel: ChannelView): Promise<void> {
    for (const member of channel.members) {
      if (this.postsLoaded.has(member.postId)) continue;
      this.postsLoaded.add(member.postId);
      try {
        const post = await this.register.post(member.postId);
        for (const assignee of [post.holder, ...post.deputies]) {
          if (assignee !== null) this.names.set(assignee.personId, assignee.displayName);
        }
      } catch {
        // Names are a convenience: the message is shown with the person id instead.
      }
    }
  }

  /** Remembers that `deviceId` belongs to `personId` (from the verified log). */
  learnDevice(deviceId: string, personId: string): void {
    this.persons.set(deviceId, personId);
  }

  /** Learns the persons of `deviceIds` from the verified log (a device it lacks stays unknown). */
  async learnLoggedDevices(verifier: LogVerifier, deviceIds: readonly string[]): Promise<void> {
    for (const deviceId of new Set(deviceIds)) {
      if (this.persons.has(deviceId)) continue;
      const logged = await verifier.loggedDevice(deviceId);
      if (logged !== undefined) this.persons.set(deviceId, logged.personId);
    }
  }

  /** The person's display name, else the person id. */
  person(personId: string): string {
    return this.names.get(personId) ?? personId;
  }

  /** The name of the device's person, else `device <id>`. */
  device(deviceId: string): string {
    const personId = this.persons.get(deviceId);
    return personId === undefined ? `device ${deviceId}` : this.person(personId);
  }
}

/** What the CLI shows of a content: texts as they are, other kinds as one line about them. */
export function contentOf(content: MessageContent): {
  text: string;
  attachments: AttachmentRef[];
  sentAt: string | null;
} {
  if (content.kind === "text") {
    return { text: content.text, attachments: content.attachments, sentAt: content.sentAt };
  }
  const what =
    content.kind === "alert" ? `alert ${content.alertId} version ${content.version}` : content.kind;
  return { text: `[${what}: see the relais alert commands]`, attachments: [], sentAt: null };
}

/** The lines of one message: seq, time, sender and text, then one line per attachment. */
export function messageLines(
  message: ReceivedMessage,
  senders: SenderDirectory,
  savedPaths: ReadonlyMap<string, string> = new Map(),
): string[] {
  const sender = senders.person(message.senderPersonId);
  const late = message.late ? " (arrived late)" : "";
  const content = contentOf(message.content);
  const [first = "", ...rest] = content.text.split(/\r?\n/).map(printable);
  const lines = [
    `#${message.seq}  ${message.storedAt}  ${printable(sender)}${late}: ${first}`,
    ...rest.map((line) => `    ${line}`),
  ];
  for (const attachment of content.attachments) {
    const saved = savedPaths.get(attachment.attachmentId);
    lines.push(
      `    ${attachmentLabel(attachment)}${saved === undefined ? "" : ` saved to ${saved}`}`,
    );
  }
  return lines;
}

function attachmentLabel(attachment: AttachmentRef): string {
  const { name, size, mediaType } = attachment;
  return printable(`[attachment] ${name} (${formatSize(size)}, ${mediaType})`);
}

/** A problem the channel client reported, placed at a channel sequence number when known. */
export interface ChannelProblem {
  readonly channelId: string;
  /** The channel sequence number it concerns; null for a gap, which is between messages. */
  readonly seq: number | null;
  readonly kind: RejectionReason | "gap" | "unreadable" | "reordered" | "chain_mismatch";
  /** The sender device concerned. */
  readonly senderDeviceId: string;
  /** For a gap: the sender's message numbers that never arrived. */
  readonly missing?: { readonly from: number; readonly to: number };
  /** For a message that arrived late: its number among the sender's messages. */
  readonly senderSeq?: number;
  /** For an unreadable message: the epoch it was sent in. */
  readonly epoch?: number;
}

/**
 * Subscribes to every problem `channels` reports and hands each to `onProblem`; returns the
 * function that unsubscribes.
 */
export function watchProblems(
  channels: ChannelClient,
  senders: SenderDirectory,
  onProblem: (problem: ChannelProblem) => void,
): () => void {
  const stops = [
    channels.on("gap", (info) => {
      senders.learnDevice(info.senderDeviceId, info.senderPersonId);
      const { channelId, senderDeviceId, from, to } = info;
      onProblem({ channelId, seq: null, kind: "gap", senderDeviceId, missing: { from, to } });
    }),
    channels.on("rejected", ({ channelId, seq, senderDeviceId, reason }) =>
      onProblem({ channelId, seq, kind: reason, senderDeviceId }),
    ),
    channels.on("unreadable", ({ channelId, seq, senderDeviceId, epoch }) =>
      onProblem({ channelId, seq, kind: "unreadable", senderDeviceId, epoch }),
    ),
    channels.on("reordered", ({ channelId, seq, senderDeviceId, senderSeq }) =>
      onProblem({ channelId, seq, kind: "reordered", senderDeviceId, senderSeq }),
    ),
    channels.on("chain_mismatch", ({ channelId, seq, senderDeviceId }) =>
      onProblem({ channelId, seq, kind: "chain_mismatch", senderDeviceId }),
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/** One sentence for a human about `problem`, naming the sender where known. */
export function describeProblem(problem: ChannelProblem, senders: SenderDirectory): string {
  const who = senders.device(problem.senderDeviceId);
  switch (problem.kind) {
    case "gap": {
      const { from, to } = problem.missing ?? { from: 0, to: 0 };
      const numbers = from === to ? `message ${from}` : `messages ${from}-${to}`;
      return `gap: ${numbers} of ${who} (device ${problem.senderDeviceId}) never arrived`;
    }
    case "replay":
      return `rejected: a replay of a message of ${who} already seen`;
    case "forged_sender":
      return `rejected: forged sender: not signed by the device it names (${problem.senderDeviceId})`;
    case "wrong_channel":
      return `rejected: a message of another channel served in this one (from ${who})`;
    case "not_a_recipient":
      return `rejected: ${who} wrote in an epoch whose key was not theirs to have`;
    case "undecryptable":
      return `rejected: a message of ${who} that does not decrypt with its epoch's key`;
    case "unreadable":
      return `unreadable: sent by ${who} in epoch ${problem.epoch ?? "?"}, before this device could read the channel (restricted history, or no key for it)`;
    case "reordered":
      return `reordered: message ${problem.senderSeq ?? "?"} of ${who} arrived after a later one`;
    case "chain_mismatch":
      return `chain mismatch: this message of ${who} does not follow their previous one`;
  }
}

/** A problem's line. */
export function problemLine(problem: ChannelProblem, senders: SenderDirectory): string {
  const text = printable(describeProblem(problem, senders));
  return problem.seq === null ? `!! ${text}` : `!! #${problem.seq} ${text}`;
}

/** A problem for `--json`: its fields and its sentence. */
export function problemJson(problem: ChannelProblem, senders: SenderDirectory) {
  return { ...problem, message: describeProblem(problem, senders) };
}

/**
 * A message for `--json`: what it says and who sent it. The attachments' keys are left out:
 * scripts get the files with `--save-attachments`, and keys do not belong in logs.
 */
export function messageJson(
  message: ReceivedMessage,
  senders: SenderDirectory,
  savedPaths: ReadonlyMap<string, string> = new Map(),
) {
  const content = contentOf(message.content);
  return {
    channelId: message.channelId,
    seq: message.seq,
    storedAt: message.storedAt,
    kind: message.content.kind,
    sentAt: content.sentAt,
    senderPersonId: message.senderPersonId,
    senderName: senders.person(message.senderPersonId),
    senderDeviceId: message.senderDeviceId,
    late: message.late,
    text: content.text,
    attachments: content.attachments.map((attachment) => ({
      attachmentId: attachment.attachmentId,
      name: attachment.name,
      size: attachment.size,
      mediaType: attachment.mediaType,
      savedTo: savedPaths.get(attachment.attachmentId) ?? null,
    })),
  };
}
