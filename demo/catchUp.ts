import type { ChannelDevice } from "./devices.ts";
import { check } from "./steps.ts";

/**
 * The hub limits each device to about 30 socket events a second (`server/abuse/limits.ts`), and a
 * sender spends two per message: the send and the acknowledgement of its own copy. One message
 * every 70 ms stays under the limit whatever the machine.
 */
const SEND_INTERVAL_MS = 70;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the offline device got back. */
export interface CatchUpResult {
  readonly delivered: number;
  readonly seconds: number;
}

/**
 * `offline`'s socket is closed; `sender` sends `count` numbered messages into the channel; the
 * socket reconnects and one `sync` must deliver every one of them exactly once, in the order
 * they were sent, with consecutive channel sequence numbers; a second sync delivers nothing.
 */
export async function offlineCatchUp(
  offline: ChannelDevice,
  sender: ChannelDevice,
  channelId: string,
  count: number,
  textOf: (index: number) => string,
): Promise<CatchUpResult> {
  offline.socket.disconnect();
  check(!offline.socket.connected, `${offline.name}'s socket is still connected`);
  const inboxBefore = offline.inbox.length;
  const sent: string[] = [];
  const seqs: number[] = [];
  for (let index = 1; index <= count; index++) {
    const started = Date.now();
    const text = textOf(index);
    const { seq } = await sender.channels.sendText(channelId, text);
    sent.push(text);
    seqs.push(seq);
    await sleep(Math.max(0, SEND_INTERVAL_MS - (Date.now() - started)));
  }
  check(offline.inbox.length === inboxBefore, `${offline.name} received while offline`);

  const reconnected = new Promise<void>((resolve) => offline.socket.once("connect", resolve));
  offline.socket.connect();
  await reconnected;
  const started = Date.now();
  const synced = await offline.channels.sync(channelId);
  const seconds = (Date.now() - started) / 1000;
  const got = synced.map((m) => (m.content.kind === "text" ? m.content.text : ""));
  check(synced.length === count, `sync delivered ${synced.length} messages, not ${count}`);
  check(
    got.every((text, i) => text === sent[i]),
    "sync delivered the messages in another order or altered",
  );
  check(
    synced.every((m, i) => m.seq === seqs[i]),
    "sync delivered messages under other sequence numbers than the hub gave their sender",
  );
  const ids = new Set(synced.map((m) => m.clientMessageId));
  check(ids.size === count, "sync delivered a message twice");
  // Nothing more arrives: no push replays what the sync delivered, and a second sync is empty.
  await sleep(300);
  const again = await offline.channels.sync(channelId);
  check(again.length === 0, `a second sync delivered ${again.length} messages again`);
  const newInInbox = offline.inbox.slice(inboxBefore);
  check(
    newInInbox.length === count &&
      newInInbox.every((m, i) => m.clientMessageId === synced[i]?.clientMessageId),
    `the application saw ${newInInbox.length} messages, not exactly the ${count} synced`,
  );
  return { delivered: synced.length, seconds };
}
