import { join } from "node:path";
import type { ChannelClient } from "#client/core/channels/channelClient";
import type { ReceivedMessage } from "#client/core/channels/channelEvents";
import type { HubSocket } from "#client/core/hubSocket";
import { FileHeadStore } from "#client/core/log/fileHeadStore";
import { LogVerifier } from "#client/core/log/logVerifier";
import type { DemoPerson } from "./people.ts";
import { check } from "./steps.ts";

/** A focal point's device, connected for channels, with everything it has received. */
export interface ChannelDevice {
  readonly person: DemoPerson;
  readonly name: string;
  readonly verifier: LogVerifier;
  readonly channels: ChannelClient;
  readonly socket: HubSocket;
  /** Every message delivered to the application, in order of delivery. */
  readonly inbox: ReceivedMessage[];
  /** Messages this device could not read (`unreadable` events), by channel. */
  readonly unreadable: { channelId: string; seq: number; epoch: number }[];
  close(): void;
}

/**
 * Connects a logged-in person's device: its accepted log heads are kept in a file of the
 * client's own directory (never the hub's), its channel client computes recipients from the
 * verified log, and its socket receives pushes. A security alert about the hub fails the demo.
 */
export async function connectDevice(
  person: DemoPerson,
  name: string,
  clientDir: string,
): Promise<ChannelDevice> {
  const store = new FileHeadStore(join(clientDir, name, "log-heads.json"));
  const verifier = LogVerifier.forClient(person.client, { store });
  // Replays and checks the whole log (signed head, every leaf, the chain of trust) up front.
  await verifier.syncLog();
  check((await verifier.alerts()).length === 0, `${name}'s device raised a security alert`);
  const channels = person.client.channels({ verifier });
  const socket = await person.client.connectSocket();
  channels.attach(socket);
  const inbox: ReceivedMessage[] = [];
  const unreadable: ChannelDevice["unreadable"] = [];
  channels.on("message", (message) => inbox.push(message));
  channels.on("unreadable", (info) => unreadable.push(info));
  return {
    person,
    name,
    verifier,
    channels,
    socket,
    inbox,
    unreadable,
    close: () => socket.close(),
  };
}

/** Waits until `predicate` holds, polling; fails the step with `what` after `timeoutMs`. */
export async function eventually(
  predicate: () => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    check(Date.now() <= deadline, `timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The texts of the text messages among `messages`. */
export function texts(messages: readonly ReceivedMessage[]): string[] {
  return messages.flatMap((m) => (m.content.kind === "text" ? [m.content.text] : []));
}
