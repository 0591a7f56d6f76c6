import type { ChannelClient } from "#client/core/channels/channelClient";
import type { ReceivedMessage } from "#client/core/channels/channelEvents";
import type { HubClient } from "#client/core/hubClient";
import { type HubSocket, request } from "#client/core/hubSocket";
import { MemoryHeadStore } from "#client/core/log/headStore";
import { LogVerifier } from "#client/core/log/logVerifier";
import type { Envelope } from "#shared/channels/envelope";

/** A logged-in device with its channel client, its verifier and a connected socket. */
export interface ChannelDevice {
  readonly client: HubClient;
  readonly verifier: LogVerifier;
  readonly channels: ChannelClient;
  readonly socket: HubSocket;
  /** Everything delivered to this device, in order. */
  readonly inbox: ReceivedMessage[];
  close(): void;
}

/** Connects `client` (logged in on its device) for channels, collecting what it receives. */
export async function channelDevice(client: HubClient): Promise<ChannelDevice> {
  const verifier = LogVerifier.forClient(client, { store: new MemoryHeadStore() });
  const channels = client.channels({ verifier });
  const socket = await client.connectSocket();
  channels.attach(socket);
  const inbox: ReceivedMessage[] = [];
  channels.on("message", (message) => inbox.push(message));
  return { client, verifier, channels, socket, inbox, close: () => socket.close() };
}

/** Waits until `predicate` holds, polling; fails after `timeoutMs`. */
export async function eventually(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The texts of the text messages received. */
export function texts(messages: readonly ReceivedMessage[]): string[] {
  return messages.flatMap((m) => (m.content.kind === "text" ? [m.content.text] : []));
}

/**
 * A restricted channel from `ownerPostId` to `memberPostId`, created by `device`, with its first
 * message sent (which starts epoch 1): the channel's id and that message's envelope as stored,
 * for tests that send it again as is or changed.
 */
export async function startedChannel(
  device: ChannelDevice,
  name: string,
  ownerPostId: string,
  memberPostId: string,
): Promise<{ channelId: string; envelope: Envelope }> {
  const { id: channelId } = await device.channels.create({
    name,
    ownerPostId,
    memberPostIds: [memberPostId],
    historyPolicy: "restricted",
  });
  await device.channels.sendText(channelId, "first");
  const page = await request(device.socket, "channel:sync", { channelId, afterSeq: 0, limit: 10 });
  return { channelId, envelope: page.messages[0]?.envelope as Envelope };
}
