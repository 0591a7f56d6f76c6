import type WebSocket from "ws";
import type { HubSocket } from "#client/core/hubSocket";
import type { Envelope } from "#shared/channels/envelope";
import type { BenchChild } from "./benchChild";
import { connectDevice, deviceChannels, EnvelopeChain } from "./deliveryDevices";
import type { DeliveryWorld } from "./deliveryWorld";
import { connectRelayClient, relayFrame, relayPayload } from "./relayClients";

/** Channels sent in at once; the sender of channel i is receiver i. */
export const CHANNELS = 4;

/**
 * Ten receiving clients in {@link CHANNELS} channels (every message reaches all ten, its
 * sender's own client included, as a person's other devices see what they sent), the first
 * {@link CHANNELS} of them also sending: on the hub, or on the raw `ws` relay.
 */
export interface DeliveryRig {
  /** Messages received by the ten clients so far. */
  readonly delivered: number;
  /**
   * Sends the next message in channel `index`; resolves once the hub acknowledged it (stored)
   * or, on the relay, once the sender got its own copy back. Undefined when out of messages.
   */
  send(index: number): Promise<void> | undefined;
  /** Collects send-to-delivery times (ms) into `into` from now on; null stops. */
  record(into: number[] | null): void;
  close(): void;
}

/** Send times by message id, and where to put the latencies. */
class LatencyLog {
  private readonly sentAt = new Map<string, number>();
  private into: number[] | null = null;

  record(into: number[] | null): void {
    this.into = into;
    this.sentAt.clear();
  }

  sent(id: string): void {
    if (this.into !== null) this.sentAt.set(id, performance.now());
  }

  received(id: string): void {
    const at = this.sentAt.get(id);
    if (at !== undefined) this.into?.push(performance.now() - at);
  }
}

/** The hub's side, with real envelopes sealed ahead by {@link HubRig.prepare}. */
export class HubRig implements DeliveryRig {
  delivered = 0;
  private readonly latency = new LatencyLog();
  private readonly stocks: Envelope[][];

  private constructor(
    readonly channelIds: readonly string[],
    private readonly chains: readonly EnvelopeChain[],
    private readonly sockets: readonly HubSocket[],
  ) {
    this.stocks = chains.map(() => []);
    for (const socket of sockets) {
      socket.on("channel:message", (push) => {
        this.delivered += 1;
        this.latency.received(push.envelope.clientMessageId);
      });
    }
  }

  /**
   * Creates the channels (owned by the first holder's post, with the second's), opens them
   * through the SDK (epoch 1, for the ten devices) and connects a socket per device.
   */
  static async open(world: DeliveryWorld, name: string): Promise<HubRig> {
    const owner = deviceChannels(device(world, 0)).channels;
    const [ownerPostId, memberPostId] = world.postIds;
    if (ownerPostId === undefined || memberPostId === undefined) throw new Error("no posts");
    const channelIds: string[] = [];
    for (let i = 0; i < CHANNELS; i++) {
      const channel = await owner.create({
        name: `${name} ${i + 1}`,
        ownerPostId,
        memberPostIds: [memberPostId],
        historyPolicy: "institutional",
      });
      channelIds.push(channel.id);
    }
    const chains: EnvelopeChain[] = [];
    for (const [i, channelId] of channelIds.entries()) {
      chains.push(await EnvelopeChain.start(device(world, i), channelId, world.network.clock));
    }
    const sockets = await Promise.all(world.devices.map(connectDevice));
    return new HubRig(channelIds, chains, sockets);
  }

  /** Seals `count` more messages per sender, outside any measurement. */
  prepare(count: number): void {
    for (const [i, chain] of this.chains.entries()) this.stocks[i]?.push(...chain.seal(count));
  }

  /** Messages sealed and not sent yet, over all senders. */
  get stocked(): number {
    return this.stocks.reduce((sum, stock) => sum + stock.length, 0);
  }

  /** A sealed envelope, left in stock: what the relay carries, byte for byte but its id. */
  sample(): Envelope {
    const envelope = this.stocks[0]?.[0];
    if (envelope === undefined) throw new Error("prepare envelopes first");
    return envelope;
  }

  send(index: number): Promise<void> | undefined {
    const envelope = this.stocks[index]?.shift();
    const socket = this.sockets[index];
    if (envelope === undefined || socket === undefined) return undefined;
    this.latency.sent(envelope.clientMessageId);
    return new Promise((resolve, reject) => {
      socket.emit("channel:send", { envelope }, (ack) => {
        if (ack.ok) resolve();
        else reject(new Error(`the hub refused a send: ${ack.error.code}`));
      });
    });
  }

  record(into: number[] | null): void {
    this.latency.record(into);
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }
}

/** The baseline's side: the same payload bytes through the raw relay, groups for channels. */
export class RelayRig implements DeliveryRig {
  delivered = 0;
  private readonly latency = new LatencyLog();
  /** Sends awaiting their copy back, by message id: the sending client's index, and its release. */
  private readonly waiting = new Map<string, { sender: number; release: () => void }>();
  private clients: WebSocket[] = [];

  private constructor(
    private readonly groupIds: readonly string[],
    /** An envelope of the hub's side: the relay carries its JSON with a fresh id each time. */
    private readonly template: Envelope,
  ) {}

  static async open(relay: BenchChild, groupIds: readonly string[], template: Envelope) {
    const rig = new RelayRig(groupIds, template);
    rig.clients = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        connectRelayClient(relay.url, groupIds, (frame) => rig.receive(index, frame)),
      ),
    );
    return rig;
  }

  private receive(index: number, frame: WebSocket.RawData): void {
    this.delivered += 1;
    // Parsed as the hub's clients parse every push.
    const { clientMessageId } = JSON.parse(relayPayload(frame)) as Envelope;
    this.latency.received(clientMessageId);
    const waiting = this.waiting.get(clientMessageId);
    if (waiting?.sender === index) {
      this.waiting.delete(clientMessageId);
      waiting.release();
    }
  }

  send(index: number): Promise<void> | undefined {
    const client = this.clients[index];
    const groupId = this.groupIds[index];
    if (client === undefined || groupId === undefined) return undefined;
    const clientMessageId = globalThis.crypto.randomUUID();
    const payload = JSON.stringify({ ...this.template, clientMessageId });
    this.latency.sent(clientMessageId);
    return new Promise((resolve) => {
      this.waiting.set(clientMessageId, { sender: index, release: resolve });
      client.send(relayFrame(groupId, payload));
    });
  }

  record(into: number[] | null): void {
    this.latency.record(into);
  }

  close(): void {
    for (const client of this.clients) client.terminate();
  }
}

function device(world: DeliveryWorld, index: number) {
  const found = world.devices[index];
  if (found === undefined) throw new Error(`no device ${index}`);
  return found;
}
