import type { ChannelView } from "#shared/api/channels";
import type { AttachmentRef } from "#shared/channels/content";
import { type ChannelDevice, eventually } from "./devices.ts";
import type { HeldPost } from "./network.ts";
import type { PostKey } from "./networkPlan.ts";
import { check } from "./steps.ts";

/** The three channels of the demo. */
export interface DemoChannels {
  /** Institutional: the smuggling posts of the four countries, owned by Senegal's. */
  readonly group: ChannelView;
  /** Restricted: a joint case of Senegal's trafficking post with Niger's two posts. */
  readonly restricted: ChannelView;
  /** Direct: Niger's and Senegal's trafficking posts. */
  readonly direct: ChannelView;
}

/** A message that was sent, as the scenario checks it later. */
export interface SentMessage {
  readonly channelId: string;
  readonly seq: number;
  readonly clientMessageId: string;
  readonly text: string;
}

/** Each channel is created by the holder of its owner post (logged as `channel-created`). */
export async function createChannels(
  devices: Readonly<Record<PostKey, ChannelDevice>>,
  posts: Readonly<Record<PostKey, HeldPost>>,
): Promise<DemoChannels> {
  const id = (key: PostKey) => posts[key].post.id;
  const group = await devices.smugglingSN.channels.create({
    name: "Central Mediterranean route: smuggling focal points",
    purpose: "Operational exchange between the smuggling focal points of NE, SN, ML and IT",
    ownerPostId: id("smugglingSN"),
    memberPostIds: [id("smugglingNE"), id("smugglingML"), id("smugglingIT")],
    historyPolicy: "institutional",
  });
  const restricted = await devices.traffickingSN.channels.create({
    name: "Joint case Dakar-Niamey (restricted)",
    purpose: "Victims' cases: a newcomer sees nothing from before their arrival",
    ownerPostId: id("traffickingSN"),
    memberPostIds: [id("smugglingNE"), id("traffickingNE")],
    historyPolicy: "restricted",
  });
  const direct = await devices.traffickingNE.channels.create({
    kind: "direct",
    name: "Niger - Senegal trafficking focal points",
    ownerPostId: id("traffickingNE"),
    memberPostIds: [id("traffickingSN")],
    historyPolicy: "institutional",
  });
  const expected: [PostKey, ChannelView[]][] = [
    ["smugglingNE", [group, restricted]],
    ["smugglingSN", [group]],
    ["smugglingML", [group]],
    ["smugglingIT", [group]],
    ["traffickingNE", [restricted, direct]],
    ["traffickingSN", [restricted, direct]],
  ];
  for (const [key, channels] of expected) {
    const listed = (await devices[key].channels.list()).map((c) => c.id).sort();
    const wanted = channels.map((c) => c.id).sort();
    check(
      JSON.stringify(listed) === JSON.stringify(wanted),
      `${devices[key].name} lists ${listed.length} channels, expected ${wanted.length}`,
    );
  }
  return { group, restricted, direct };
}

/**
 * Sends a text and waits until every device in `recipients` has verified and decrypted it,
 * exactly as sent: same text, same sender, same attachments.
 */
export async function sendAndConfirm(
  sender: ChannelDevice,
  channelId: string,
  text: string,
  recipients: readonly ChannelDevice[],
  attachments: AttachmentRef[] = [],
): Promise<SentMessage> {
  const { seq, clientMessageId } = await sender.channels.sendText(channelId, text, attachments);
  for (const recipient of recipients) {
    await eventually(
      () => recipient.inbox.some((m) => m.clientMessageId === clientMessageId),
      `${recipient.name} receives message ${seq} of ${sender.name}`,
    );
    const received = recipient.inbox.filter((m) => m.clientMessageId === clientMessageId);
    check(received.length === 1, `${recipient.name} received message ${seq} more than once`);
    const [message] = received;
    check(
      message?.content.kind === "text" && message.content.text === text,
      `${recipient.name} decrypted something else than ${sender.name} sent`,
    );
    check(
      message.senderPersonId === sender.person.person.id,
      `${recipient.name} attributes message ${seq} to another person`,
    );
    check(
      JSON.stringify(message.content.attachments) === JSON.stringify(attachments),
      `${recipient.name} got other attachments than ${sender.name} sent`,
    );
  }
  return { channelId, seq, clientMessageId, text };
}

/** Every recipient downloads the attachment and decrypts it to exactly the original bytes. */
export async function confirmAttachment(
  channelId: string,
  ref: AttachmentRef,
  original: Uint8Array,
  recipients: readonly ChannelDevice[],
): Promise<void> {
  for (const recipient of recipients) {
    const bytes = await recipient.channels.downloadAttachment(channelId, ref);
    check(
      Buffer.from(bytes).equals(Buffer.from(original)),
      `${recipient.name} decrypted other bytes than the attachment's`,
    );
  }
}
