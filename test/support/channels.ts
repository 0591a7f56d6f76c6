import type { ChannelClient } from "#client/core/channels/channelClient";
import type { ReceivedMessage } from "#client/core/channels/channelEvents";
import type { HubClient } from "#client/core/hubClient";
import type { HubSocket } from "#client/core/hubSocket";
import { MemoryHeadStore } from "#client/core/log/headStore";
import { LogVerifier } from "#client/core/log/logVerifier";

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
