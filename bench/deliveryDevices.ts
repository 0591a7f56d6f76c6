import { ChannelApi } from "#client/core/channels/channelApi";
import type { ChannelClient } from "#client/core/channels/channelClient";
import { MemoryChannelStateStore } from "#client/core/channels/channelState";
import { EpochKeyring } from "#client/core/channels/epochKeyring";
import { sealMessage } from "#client/core/channels/messageCodec";
import { HubHttp } from "#client/core/hubHttp";
import { connectHubSocket, type HubSocket } from "#client/core/hubSocket";
import { MemoryHeadStore } from "#client/core/log/headStore";
import { LogVerifier } from "#client/core/log/logVerifier";
import type { Envelope } from "#shared/channels/envelope";
import { type BenchClock, type BenchDevice, loggedIn } from "./channelNetwork";

/**
 * A text whose canonical JSON content pads to the 1 KiB bucket: 1,040 bytes of ciphertext
 * (1,024 padded plus the Poly1305 tag), about 1.8 KB of envelope JSON on the wire.
 */
const TEXT_1KIB = "Convoy leaves Agadez on Tuesday night; ".repeat(20).slice(0, 800);

/** An SDK channel client of a logged-in device, with its own verifier and state. */
export interface DeviceChannels {
  readonly channels: ChannelClient;
  readonly verifier: LogVerifier;
  readonly store: MemoryChannelStateStore;
  /** Connects a socket and attaches the client to it (pushes are then verified and decrypted). */
  connect(): Promise<HubSocket>;
}

/** The SDK's channel client for `device`, as an application would hold it. */
export function deviceChannels(device: BenchDevice): DeviceChannels {
  const client = loggedIn(device);
  const verifier = LogVerifier.forClient(client, { store: new MemoryHeadStore() });
  const store = new MemoryChannelStateStore();
  const channels = client.channels({ verifier, store });
  return {
    channels,
    verifier,
    store,
    async connect() {
      const socket = await connectDevice(device);
      channels.attach(socket);
      return socket;
    },
  };
}

/** A bare authenticated socket of `device`: pushes reach it, nothing processes them. */
export function connectDevice(device: BenchDevice): Promise<HubSocket> {
  return connectHubSocket(loggedIn(device).hubUrl, {
    token: loggedIn(device).token,
    reconnection: false,
  });
}

/**
 * What a device needs to keep sending in a channel without the SDK's per-message work: the
 * epoch key and where its sender chain stands. {@link seal} makes envelopes that are valid in
 * every respect (AEAD, signature, sender numbering and hash chain), so that the benchmark can
 * make them before measuring and the hub is measured, not the client's crypto.
 */
export class EnvelopeChain {
  private constructor(
    readonly channelId: string,
    private readonly device: BenchDevice,
    private readonly epoch: number,
    private readonly key: Uint8Array,
    private readonly clock: BenchClock,
    private seq: number,
    private lastHash: string | null,
  ) {}

  /**
   * Sends one message through the SDK (which starts the channel's epoch if this device is the
   * first sender), then takes over the device's sender chain from the SDK's state and the epoch
   * key from the device's own copy in the epoch statement.
   */
  static async start(
    device: BenchDevice,
    channelId: string,
    clock: BenchClock,
  ): Promise<EnvelopeChain> {
    const sdk = deviceChannels(device);
    const socket = await sdk.connect();
    try {
      await sdk.channels.sendText(channelId, "opening the channel");
    } finally {
      socket.close();
    }
    const client = loggedIn(device);
    const http = new HubHttp({ hubUrl: client.hubUrl, token: () => client.token });
    const keyring = new EpochKeyring(new ChannelApi(http), sdk.verifier, device);
    await keyring.refresh(channelId);
    const epoch = keyring.latestEpoch(channelId);
    const key = await keyring.key(channelId, epoch);
    const state = await sdk.store.load(channelId);
    if (key === null || state === null) throw new Error(`no epoch key in channel ${channelId}`);
    const { seq, lastHash } = state.sender;
    return new EnvelopeChain(channelId, device, epoch, key, clock, seq, lastHash);
  }

  /** The next `count` messages of this device in the channel, each 1 KiB of ciphertext. */
  seal(count: number): Envelope[] {
    const envelopes: Envelope[] = [];
    for (let i = 0; i < count; i++) {
      const header = {
        v: 1 as const,
        channelId: this.channelId,
        epoch: this.epoch,
        senderDeviceId: this.device.deviceId,
        senderSeq: this.seq + 1,
        prevHash: this.lastHash,
        clientMessageId: globalThis.crypto.randomUUID(),
      };
      const content = {
        kind: "text" as const,
        text: TEXT_1KIB,
        attachments: [],
        sentAt: this.clock.now().toISOString(),
      };
      const { envelope, hash } = sealMessage(header, content, this.key, this.device.keys);
      this.seq += 1;
      this.lastHash = hash;
      envelopes.push(envelope);
    }
    return envelopes;
  }
}

/** Hands out consecutive items of `items`; undefined once exhausted. */
export function stock<T>(items: readonly T[]): () => T | undefined {
  let next = 0;
  return () => items[next++];
}
