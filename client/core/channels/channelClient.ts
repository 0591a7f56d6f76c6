import type { ChannelView } from "#shared/api/channels";
import type { AttachmentRef, MessageContent } from "#shared/channels/content";
import {
  channelCreatedEntry,
  channelMemberAddedEntry,
  channelMemberRemovedEntry,
} from "#shared/channels/entryBuilders";
import type { DeliveredMessage, Envelope } from "#shared/channels/envelope";
import type { HistoryPolicy } from "#shared/log/channelEntries";
import { type DeviceCrypto, sodiumDeviceCrypto } from "../crypto/index.ts";
import { signLogEntry } from "../deviceStatements.ts";
import { ClientError, HubError } from "../errors.ts";
import type { HubHttp } from "../hubHttp.ts";
import { type HubSocket, request } from "../hubSocket.ts";
import { TypedEmitter } from "../log/events.ts";
import {
  type ChannelRecipients,
  HEAD_LAG_RETRIES,
  HEAD_LAG_RETRY_MS,
  type LogVerifier,
} from "../log/logVerifier.ts";
import { LogVerificationError } from "../log/securityAlert.ts";
import { downloadAttachment, uploadAttachment } from "./attachments.ts";
import { ChannelApi } from "./channelApi.ts";
import type { ChannelEvents, ReceivedMessage } from "./channelEvents.ts";
import { receiveMessage } from "./channelReceiver.ts";
import {
  type ChannelState,
  type ChannelStateStore,
  emptyChannelState,
  MemoryChannelStateStore,
} from "./channelState.ts";
import { EpochKeyring, type OwnDevice } from "./epochKeyring.ts";
import { sealMessage } from "./messageCodec.ts";

/** Options of {@link ChannelClient}. */
export interface ChannelClientOptions {
  readonly http: HubHttp;
  readonly verifier: LogVerifier;
  readonly device: OwnDevice;
  readonly store?: ChannelStateStore;
  readonly now?: () => Date;
  readonly crypto?: DeviceCrypto;
  /** Messages per sync page (default 500). */
  readonly pageSize?: number;
}

/** What a new channel is. */
export interface NewChannel {
  readonly name: string;
  readonly purpose?: string;
  readonly ownerPostId: string;
  readonly memberPostIds?: readonly string[];
  readonly historyPolicy: HistoryPolicy;
  readonly includeDeputies?: boolean;
  readonly kind?: "group" | "direct";
}

const retriedCodes = new Set(["stale_epoch", "rotation_required", "recipients_mismatch"]);
/** How old a tree head may be for a first look at a channel's recipients. */
const HEAD_MAX_AGE_MS = 1_000;
/** How long acknowledgements wait to be sent together. */
const ACK_DELAY_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A device's end of the channels (DESIGN.md §7): creates and manages channels, computes their
 * recipients from the verified log, rotates epochs, encrypts, signs and sends messages (each
 * stored once, whatever the retries), and receives: verifies, decrypts, reports gaps, replays,
 * reordering and forgeries, and acknowledges. Messages reach the application exactly once per
 * device: the state store remembers the last channel sequence number processed.
 */
export class ChannelClient {
  readonly api: ChannelApi;
  /** The verified log this client computes recipients from (also for callers' own checks). */
  readonly verifier: LogVerifier;
  private readonly device: OwnDevice;
  private readonly store: ChannelStateStore;
  private readonly now: () => Date;
  private readonly crypto: DeviceCrypto;
  private readonly pageSize: number;
  private readonly keyring: EpochKeyring;
  private readonly events = new TypedEmitter<ChannelEvents>();
  /** Epochs checked against the log, by channel: used until the hub says otherwise. */
  private readonly checkedEpochs = new Map<string, number>();
  private readonly lanes = new Map<string, Promise<unknown>>();
  private readonly pendingAcks = new Map<
    string,
    { seq: number; timer: ReturnType<typeof setTimeout> }
  >();
  private socket: HubSocket | null = null;

  constructor(options: ChannelClientOptions) {
    this.api = new ChannelApi(options.http);
    this.verifier = options.verifier;
    this.device = options.device;
    this.store = options.store ?? new MemoryChannelStateStore();
    this.now = options.now ?? (() => new Date());
    this.crypto = options.crypto ?? sodiumDeviceCrypto;
    this.pageSize = options.pageSize ?? 500;
    this.keyring = new EpochKeyring(this.api, this.verifier, this.device);
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof ChannelEvents>(event: K, handler: ChannelEvents[K]): () => void {
    return this.events.on(event, handler);
  }

  /**
   * Listens on `socket`: pushed messages are processed in order (a hole in the channel's
   * numbering is filled by a sync first); after every reconnection every channel is synced.
   */
  attach(socket: HubSocket): void {
    this.socket = socket;
    socket.on("channel:message", (push) => {
      void this.lane(push.channelId, () => this.receivePushed(push.channelId, push)).catch(
        () => undefined,
      );
    });
    socket.on("channel:changed", (change) => {
      this.checkedEpochs.delete(change.channelId);
    });
    socket.io.on("reconnect", () => {
      void this.syncAll().catch(() => undefined);
    });
  }

  // ---- Channels -------------------------------------------------------------------------------

  list(): Promise<ChannelView[]> {
    return this.api.list();
  }

  async create(input: NewChannel): Promise<ChannelView> {
    await this.crypto.ready();
    const fields = {
      channelId: globalThis.crypto.randomUUID(),
      kind: input.kind ?? "group",
      name: input.name,
      purpose: input.purpose ?? "",
      ownerPostId: input.ownerPostId,
      memberPostIds: [...(input.memberPostIds ?? [])],
      historyPolicy: input.historyPolicy,
      includeDeputies: input.includeDeputies ?? false,
    };
    const entry = channelCreatedEntry(fields, this.now().toISOString());
    return this.api.create({ ...fields, log: signLogEntry(this.crypto, this.device.keys, entry) });
  }

  async addMember(channelId: string, postId: string): Promise<ChannelView> {
    await this.crypto.ready();
    const entry = channelMemberAddedEntry(channelId, postId, this.now().toISOString());
    this.checkedEpochs.delete(channelId);
    return this.api.addMember(
      channelId,
      postId,
      signLogEntry(this.crypto, this.device.keys, entry),
    );
  }

  async removeMember(channelId: string, postId: string): Promise<ChannelView> {
    await this.crypto.ready();
    const entry = channelMemberRemovedEntry(channelId, postId, this.now().toISOString());
    this.checkedEpochs.delete(channelId);
    const log = signLogEntry(this.crypto, this.device.keys, entry);
    return this.api.removeMember(channelId, postId, log);
  }

  // ---- Sending --------------------------------------------------------------------------------

  /** Sends a text (with attachments already uploaded); resolves once the hub has stored it. */
  sendText(
    channelId: string,
    text: string,
    attachments: AttachmentRef[] = [],
  ): Promise<{ seq: number; clientMessageId: string }> {
    return this.send(channelId, {
      kind: "text",
      text,
      attachments,
      sentAt: this.now().toISOString(),
    });
  }

  /**
   * Sends a content. The envelope is built once per epoch: a send that the hub did not answer
   * (dropped connection, hub restart) is retried with the same envelope until it is; the hub
   * stores a client message id once, so the retry is never a duplicate.
   */
  send(
    channelId: string,
    content: MessageContent,
  ): Promise<{ seq: number; clientMessageId: string }> {
    return this.lane(channelId, async () => {
      await this.crypto.ready();
      let state = await this.state(channelId);
      if (state.processedSeq === 0 && state.sender.seq === 0) {
        // A device without state for this channel (new, or restored) reads it first: its own
        // earlier messages tell where its numbering stands, or receivers would see replays.
        await this.syncNow(channelId);
        state = await this.state(channelId);
      }
      const own = state.peers[this.device.deviceId];
      if (own !== undefined && own.highest > state.sender.seq) {
        state.sender = { seq: own.highest, lastHash: own.lastHash };
      }
      const clientMessageId = globalThis.crypto.randomUUID();
      for (let attempt = 0; ; attempt++) {
        const epoch = await this.currentEpoch(channelId, attempt > 0);
        const key = await this.keyring.key(channelId, epoch);
        if (key === null) throw new ClientError("no_epoch_key", `no key for epoch ${epoch}`);
        const header = {
          v: 1 as const,
          channelId,
          epoch,
          senderDeviceId: this.device.deviceId,
          senderSeq: state.sender.seq + 1,
          prevHash: state.sender.lastHash,
          clientMessageId,
        };
        const { envelope, hash } = sealMessage(header, content, key, this.device.keys);
        try {
          const { seq } = await this.deliver(envelope);
          state.sender = { seq: header.senderSeq, lastHash: hash };
          await this.store.save(channelId, state);
          return { seq, clientMessageId };
        } catch (error) {
          if (!(error instanceof HubError) || !retriedCodes.has(error.code) || attempt >= 5)
            throw error;
          this.checkedEpochs.delete(channelId);
        }
      }
    });
  }

  /** Emits until the hub answers: waits out disconnections and rate limits. */
  private async deliver(envelope: Envelope): Promise<{ seq: number; duplicate: boolean }> {
    for (;;) {
      const socket = this.socket;
      if (socket === null) throw new ClientError("not_connected", "attach a socket first");
      if (!socket.connected) {
        await new Promise((resolve) => socket.once("connect", () => resolve(undefined)));
      }
      try {
        return await request(socket, "channel:send", { envelope }, 5_000);
      } catch (error) {
        if (error instanceof ClientError && error.code === "ack_timeout") continue;
        if (error instanceof HubError && error.code === "rate_limited") {
          await sleep(250);
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * The epoch to send in: the latest, if it wraps its key for exactly the devices the verified
   * log gives for the channel now; else a new epoch for them (the first sender after a change
   * rotates). The hub's list of recipients is only a hint: a device it names that the log does
   * not is a security alert, and no key is ever wrapped for it.
   */
  private async currentEpoch(channelId: string, force: boolean): Promise<number> {
    const checked = this.checkedEpochs.get(channelId);
    if (checked !== undefined && !force) return checked;
    for (let attempt = 0; ; attempt++) {
      // A first look may share a recent head with other channels; a retry looks afresh.
      const maxAgeMs = force || attempt > 0 ? 0 : HEAD_MAX_AGE_MS;
      let looked: [Awaited<ReturnType<EpochKeyring["refresh"]>>, ChannelRecipients];
      try {
        looked = await Promise.all([
          this.keyring.refresh(channelId),
          this.verifier.channelRecipients(channelId, { maxAgeMs }),
        ]);
      } catch (error) {
        // A channel created a moment ago: the hub signs a head covering it just after the
        // commit, and another hub on the database may not serve it yet. Look again for a second.
        if (
          error instanceof LogVerificationError &&
          error.code === "not_in_log" &&
          attempt < HEAD_LAG_RETRIES
        ) {
          await sleep(HEAD_LAG_RETRY_MS);
          continue;
        }
        throw error;
      }
      const [hinted, logged] = looked;
      const loggedIds = logged.recipients.map((r) => r.deviceId);
      const unlogged = hinted.filter((r) => !loggedIds.includes(r.deviceId));
      if (unlogged.length > 0) {
        // The hub may be a moment ahead of its signed head: look again before crying wolf.
        if (attempt < HEAD_LAG_RETRIES) {
          await sleep(HEAD_LAG_RETRY_MS);
          continue;
        }
        const first = unlogged[0] as (typeof unlogged)[number];
        return this.verifier.reportAlert(
          "unlogged_recipient",
          `the hub names device ${first.deviceId} as a recipient of channel ${channelId}, which the log does not`,
          { channelId, deviceId: first.deviceId, treeSize: logged.treeSize },
        );
      }
      const latest = this.keyring.latestEpoch(channelId);
      const covered = this.keyring.recipientsOf(channelId, latest);
      const same =
        covered.length === loggedIds.length && covered.every((id, i) => id === loggedIds[i]);
      if (latest > 0 && same && (await this.keyring.key(channelId, latest)) !== null) {
        this.checkedEpochs.set(channelId, latest);
        return latest;
      }
      if (loggedIds.length === 0)
        throw new ClientError("no_recipients", "this channel reaches no device");
      try {
        const epoch = await this.keyring.rotate(
          channelId,
          logged.recipients,
          logged.treeSize,
          logged.channel.historyPolicy,
          this.now(),
        );
        this.checkedEpochs.set(channelId, epoch);
        return epoch;
      } catch (error) {
        if (!(error instanceof HubError) || !retriedCodes.has(error.code) || attempt >= 10)
          throw error;
        await sleep(50);
      }
    }
  }

  // ---- Receiving ------------------------------------------------------------------------------

  /** Syncs every channel of my posts. */
  async syncAll(): Promise<ReceivedMessage[]> {
    const received: ReceivedMessage[] = [];
    for (const channel of await this.api.list()) received.push(...(await this.sync(channel.id)));
    return received;
  }

  /** Fetches and processes everything after the last message processed, page by page. */
  sync(channelId: string): Promise<ReceivedMessage[]> {
    return this.lane(channelId, () => this.syncNow(channelId));
  }

  private async syncNow(channelId: string): Promise<ReceivedMessage[]> {
    const socket = this.requireSocket();
    const state = await this.state(channelId);
    const received: ReceivedMessage[] = [];
    for (;;) {
      const page = await request(socket, "channel:sync", {
        channelId,
        afterSeq: state.processedSeq,
        limit: this.pageSize,
      });
      received.push(...(await this.process(channelId, page.messages, state)));
      if (page.messages.length < this.pageSize) return received;
    }
  }

  /**
   * Every readable message of a channel from its start, checked afresh (nothing is saved or
   * acknowledged): what `relais read` shows.
   */
  async history(channelId: string): Promise<ReceivedMessage[]> {
    const socket = this.requireSocket();
    const state = emptyChannelState();
    const received: ReceivedMessage[] = [];
    for (;;) {
      const page = await request(socket, "channel:sync", {
        channelId,
        afterSeq: state.processedSeq,
        limit: this.pageSize,
      });
      for (const delivered of page.messages) {
        const message = await receiveMessage(this.receiverDeps(), channelId, delivered, state);
        state.processedSeq = delivered.seq;
        if (message !== null) received.push(message);
      }
      if (page.messages.length < this.pageSize) return received;
    }
  }

  private async receivePushed(channelId: string, delivered: DeliveredMessage): Promise<void> {
    const state = await this.state(channelId);
    if (delivered.seq <= state.processedSeq) return;
    if (delivered.seq !== state.processedSeq + 1) {
      await this.syncNow(channelId);
      return;
    }
    await this.process(channelId, [delivered], state);
  }

  private async process(
    channelId: string,
    page: readonly DeliveredMessage[],
    state: ChannelState,
  ): Promise<ReceivedMessage[]> {
    const received: ReceivedMessage[] = [];
    for (const delivered of page) {
      if (delivered.seq <= state.processedSeq) continue;
      const message = await receiveMessage(this.receiverDeps(), channelId, delivered, state);
      state.processedSeq = delivered.seq;
      if (message !== null) {
        received.push(message);
        this.events.emit("message", message);
      }
    }
    if (page.length > 0) {
      await this.store.save(channelId, state);
      this.scheduleAck(channelId, state.processedSeq);
    }
    return received;
  }

  /**
   * Moves the hub's cursor after a short pause, once for many messages: the cursor only spares
   * a reconnecting device work (the state store is what makes delivery exactly-once).
   */
  private scheduleAck(channelId: string, seq: number): void {
    const timer = this.pendingAcks.get(channelId)?.timer ?? this.ackTimer(channelId);
    this.pendingAcks.set(channelId, { seq, timer });
  }

  private ackTimer(channelId: string): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      const pending = this.pendingAcks.get(channelId);
      this.pendingAcks.delete(channelId);
      const socket = this.socket;
      if (pending === undefined || !socket?.connected) return;
      void request(socket, "channel:ack", { channelId, seq: pending.seq }).catch(() => undefined);
    }, ACK_DELAY_MS);
    // A pending acknowledgement must not keep a finished CLI process alive.
    (timer as { unref?: () => void }).unref?.();
    return timer;
  }

  /** Sends the pending acknowledgements now (before closing the socket). */
  async flushAcks(): Promise<void> {
    const socket = this.socket;
    const pending = [...this.pendingAcks.entries()];
    this.pendingAcks.clear();
    for (const [channelId, { seq, timer }] of pending) {
      clearTimeout(timer);
      if (socket?.connected) {
        await request(socket, "channel:ack", { channelId, seq }).catch(() => undefined);
      }
    }
  }

  private receiverDeps() {
    return { verifier: this.verifier, keyring: this.keyring, events: this.events };
  }

  // ---- Attachments ----------------------------------------------------------------------------

  /**
   * Encrypts and uploads a file (bytes, or a `Blob` such as a browser `File`, read slice by
   * slice) in parts; put the returned reference in a message. `onProgress` receives the
   * encrypted bytes stored so far and the total.
   */
  async uploadAttachment(
    channelId: string,
    bytes: Uint8Array | Blob,
    name: string,
    mediaType: string,
    options: { onProgress?: (sentBytes: number, totalBytes: number) => void } = {},
  ): Promise<AttachmentRef> {
    await this.crypto.ready();
    return uploadAttachment(this.api, channelId, bytes, name, mediaType, options);
  }

  /** Downloads and decrypts an attachment, chunk by chunk as it streams in. */
  async downloadAttachment(channelId: string, ref: AttachmentRef): Promise<Uint8Array> {
    await this.crypto.ready();
    return downloadAttachment(this.api, channelId, ref);
  }

  // ---- Internals ------------------------------------------------------------------------------

  private requireSocket(): HubSocket {
    if (this.socket === null) throw new ClientError("not_connected", "attach a socket first");
    return this.socket;
  }

  private async state(channelId: string): Promise<ChannelState> {
    return (await this.store.load(channelId)) ?? emptyChannelState();
  }

  /** Runs operations on one channel one at a time: its numbering and chain depend on order. */
  private lane<T>(channelId: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.lanes.get(channelId) ?? Promise.resolve();
    const run = previous.then(operation, operation);
    this.lanes.set(
      channelId,
      run.catch(() => undefined),
    );
    return run;
  }
}
