import { AlertClient } from "#client/core/alerts/alertClient";
import type { ChannelClient } from "#client/core/channels/channelClient";
import type { DeviceKeys } from "#client/core/crypto/index";
import { ClientError } from "#client/core/errors";
import type { HubClient } from "#client/core/hubClient";
import type { HubSocket } from "#client/core/hubSocket";
import { LogApi, LogVerifier } from "#client/core/log/index";
import type { SecurityAlert } from "#client/core/log/securityAlert";
import type { ChannelView } from "#shared/api/channels";
import type { AttachmentRef } from "#shared/channels/content";
import { IndexedDbChannelStateStore } from "../storage/idbChannelStateStore.ts";
import { IndexedDbHeadStore } from "../storage/idbHeadStore.ts";
import {
  type ChannelWarning,
  mergeMessages,
  type PendingMessage,
  type ShownMessage,
  shownMessage,
} from "./channelModel.ts";

/** Bytes of a pending message's files uploaded so far, of their total (plaintext sizes). */
export interface UploadProgress {
  readonly sent: number;
  readonly total: number;
}

/** Errors after which a send is tried again once the connection is back. */
const networkCodes = new Set(["hub_unreachable", "not_connected", "ack_timeout"]);

function isNetworkFailure(error: unknown): boolean {
  return error instanceof ClientError && networkCodes.has(error.code);
}

/**
 * The live side of channels for the logged-in device: the verified log, the channel client on a
 * socket that follows the browser's connection, the messages of the channels opened, the unread
 * counts (kept in IndexedDB with the channel states, so a reload shows nothing again as new),
 * the messages waiting to go out, and the warnings of the SDK and the log. Screens subscribe and
 * re-render on every change.
 */
export class LiveChannels {
  readonly verifier: LogVerifier;
  /** The hub's log API on this session (the verifier vouches for what is read through it). */
  readonly log: LogApi;
  readonly channels: ChannelClient;
  readonly alerts: AlertClient;
  readonly deviceId: string;
  /** Whether the socket is connected now. */
  connected = false;
  /** Set while the first connection, the first sync and the log's verification run. */
  starting = true;
  /** Why starting failed, if it did. */
  startError: unknown = null;
  views: ChannelView[] = [];
  warnings: ChannelWarning[] = [];
  pending: PendingMessage[] = [];
  private readonly store: IndexedDbChannelStateStore;
  private readonly messages = new Map<string, ShownMessage[]>();
  private readonly readSeq = new Map<string, number>();
  private readonly lastSeq = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  /** Bytes of the files of each pending message gone up so far, by local id. */
  private readonly uploads = new Map<string, UploadProgress>();
  private readonly cleanups: (() => void)[] = [];
  private socket: HubSocket | null = null;
  private openChannel: string | null = null;
  private closed = false;

  constructor(client: HubClient, deviceId: string, keys: DeviceKeys) {
    this.deviceId = deviceId;
    this.verifier = LogVerifier.forClient(client, { store: new IndexedDbHeadStore() });
    this.log = LogApi.forClient(client);
    this.store = new IndexedDbChannelStateStore(client.hubUrl, deviceId);
    this.channels = client.channels({ verifier: this.verifier, store: this.store });
    this.alerts = new AlertClient({
      hub: client,
      channels: this.channels,
      device: { deviceId, keys },
    });
    this.watch();
    void this.start(client);
  }

  /** Calls `listener` after every change; returns the function that unsubscribes. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private warn(kind: ChannelWarning["kind"], channelId: string | null, detail: string): void {
    const id = `${kind} ${channelId ?? ""} ${detail}`;
    if (this.warnings.some((warning) => warning.id === id)) return;
    this.warnings = [
      ...this.warnings,
      { id, kind, channelId, detail, at: new Date().toISOString() },
    ];
    this.changed();
  }

  /** Removes a warning the person has read and acknowledged. */
  dismissWarning(id: string): void {
    this.warnings = this.warnings.filter((warning) => warning.id !== id);
    this.changed();
  }

  private watch(): void {
    const on = this.cleanups.push.bind(this.cleanups);
    on(this.verifier.on("security-alert", (alert) => this.logAlert(alert)));
    on(
      this.channels.on("message", (message) => {
        const shown = shownMessage(message, this.deviceId);
        this.lastSeq.set(
          message.channelId,
          Math.max(this.lastSeq.get(message.channelId) ?? 0, message.seq),
        );
        const loaded = this.messages.get(message.channelId);
        if (loaded !== undefined)
          this.messages.set(message.channelId, mergeMessages(loaded, [shown]));
        if (this.openChannel === message.channelId) void this.markRead(message.channelId);
        this.changed();
      }),
    );
    on(
      this.channels.on("gap", (gap) =>
        this.warn("gap", gap.channelId, `${gap.senderPersonId} ${gap.from}-${gap.to}`),
      ),
    );
    on(
      this.channels.on("rejected", (info) =>
        this.warn(info.reason, info.channelId, `${info.senderDeviceId} #${info.seq}`),
      ),
    );
    on(
      this.channels.on("chain_mismatch", (info) =>
        this.warn("chain_mismatch", info.channelId, `${info.senderDeviceId} #${info.seq}`),
      ),
    );
    // The socket drops by itself when the network goes; following the browser's own signal
    // makes "offline" show at once, and the reconnection start as soon as the network is back.
    const offline = () => this.socket?.disconnect();
    const online = () => this.socket?.connect();
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    on(() => window.removeEventListener("offline", offline));
    on(() => window.removeEventListener("online", online));
  }

  private logAlert(alert: SecurityAlert): void {
    this.warn("log", null, `${alert.kind}: ${alert.message}`);
  }

  private async start(client: HubClient): Promise<void> {
    try {
      for (const alert of await this.verifier.alerts()) this.logAlert(alert);
      const socket = await client.connectSocket();
      if (this.closed) {
        socket.close();
        return;
      }
      this.socket = socket;
      this.connected = socket.connected;
      this.channels.attach(socket);
      socket.on("connect", () => {
        this.connected = true;
        this.changed();
        // A reconnection the browser asked for is not the manager's "reconnect": sync here.
        void this.syncAll();
      });
      socket.on("disconnect", () => {
        this.connected = false;
        this.changed();
      });
      socket.on("channel:changed", () => void this.refreshList());
      await this.refreshList();
      await this.syncAll();
    } catch (error) {
      this.startError = error;
    } finally {
      this.starting = false;
      this.changed();
    }
  }

  private async syncAll(): Promise<void> {
    await this.channels.syncAll().catch(() => undefined);
    this.changed();
  }

  /** Reloads the list of my channels and their unread counts. */
  async refreshList(): Promise<void> {
    const views = await this.channels.list();
    for (const view of views) {
      this.lastSeq.set(view.id, Math.max(this.lastSeq.get(view.id) ?? 0, view.lastSeq));
      if (!this.readSeq.has(view.id)) this.readSeq.set(view.id, await this.store.readUpTo(view.id));
    }
    this.views = views;
    this.changed();
  }

  /** Messages of `channelId` not yet seen on screen. */
  unread(channelId: string): number {
    return Math.max(0, (this.lastSeq.get(channelId) ?? 0) - (this.readSeq.get(channelId) ?? 0));
  }

  /** The messages of a channel loaded so far, or undefined before {@link open}. */
  messagesOf(channelId: string): readonly ShownMessage[] | undefined {
    return this.messages.get(channelId);
  }

  /** Where the person had read up to when the channel was last opened. */
  readUpTo(channelId: string): number {
    return this.readSeq.get(channelId) ?? 0;
  }

  /** Opens a channel on screen: its whole readable history, checked afresh, then read. */
  async open(channelId: string): Promise<number> {
    this.openChannel = channelId;
    const readBefore = this.readSeq.get(channelId) ?? (await this.store.readUpTo(channelId));
    await this.channels.sync(channelId).catch(() => undefined);
    const history = await this.channels.history(channelId);
    const shown = history.map((message) => shownMessage(message, this.deviceId));
    this.messages.set(channelId, mergeMessages(this.messages.get(channelId) ?? [], shown));
    await this.markRead(channelId);
    this.changed();
    return readBefore;
  }

  /** The channel left the screen: later messages count as unread again. */
  leave(channelId: string): void {
    if (this.openChannel === channelId) this.openChannel = null;
  }

  private async markRead(channelId: string): Promise<void> {
    const last = Math.max(
      this.lastSeq.get(channelId) ?? 0,
      ...(this.messages.get(channelId) ?? []).map((message) => message.seq),
    );
    this.lastSeq.set(channelId, last);
    this.readSeq.set(channelId, last);
    await this.store.markRead(channelId, last);
  }

  /** How far the files of a pending message have gone up, all together; undefined before. */
  uploadProgress(localId: string): UploadProgress | undefined {
    return this.uploads.get(localId);
  }

  /**
   * Sends a text with files: shown at once as pending; the files are encrypted and uploaded in
   * parts (read from disk slice by slice), with the bytes sent so far shown, then the message is
   * sent. While the connection is down it waits and goes out once it is back (a file whose upload
   * failed is uploaded again; the SDK resends the same envelope, which the hub stores once).
   */
  async send(channelId: string, text: string, files: readonly File[]): Promise<void> {
    const entry: PendingMessage = {
      localId: globalThis.crypto.randomUUID(),
      channelId,
      text,
      fileNames: files.map((file) => file.name),
      status: this.connected ? "sending" : "waiting",
      uploaded: 0,
      error: null,
    };
    this.pending = [...this.pending, entry];
    this.changed();
    const refs: AttachmentRef[] = [];
    const total = files.reduce((sum, file) => sum + file.size, 0);
    for (;;) {
      try {
        while (refs.length < files.length) {
          const file = files[refs.length] as File;
          const before = files.slice(0, refs.length).reduce((sum, done) => sum + done.size, 0);
          this.uploads.set(entry.localId, { sent: before, total });
          this.update(entry, { status: "uploading", uploaded: refs.length });
          const mediaType = file.type || "application/octet-stream";
          // The SDK counts encrypted bytes; the screen shows the share of the file's own size.
          const onProgress = (sent: number, encrypted: number) => {
            // A late report must not bring back the entry of a message already failed or sent.
            if (entry.status !== "uploading") return;
            const share = encrypted === 0 ? 1 : sent / encrypted;
            this.uploads.set(entry.localId, {
              sent: before + Math.round(share * file.size),
              total,
            });
            this.changed();
          };
          refs.push(
            await this.channels.uploadAttachment(channelId, file, file.name, mediaType, {
              onProgress,
            }),
          );
        }
        this.uploads.delete(entry.localId);
        this.update(entry, {
          status: this.connected ? "sending" : "waiting",
          uploaded: refs.length,
        });
        const { seq } = await this.channels.sendText(channelId, text, refs);
        this.stored(channelId, {
          seq,
          senderPersonId: "",
          senderDeviceId: this.deviceId,
          text,
          attachments: refs,
          storedAt: new Date().toISOString(),
          own: true,
          late: false,
          otherKind: null,
        });
        this.pending = this.pending.filter((candidate) => candidate !== entry);
        this.changed();
        return;
      } catch (error) {
        if (!isNetworkFailure(error) || this.closed) {
          // A failed message shows no progress: its entry would only be kept until discarded.
          this.uploads.delete(entry.localId);
          this.update(entry, { status: "failed", error });
          return;
        }
        this.update(entry, { status: "waiting" });
        await this.connection();
      }
    }
  }

  private update(entry: PendingMessage, change: Partial<PendingMessage>): void {
    Object.assign(entry, change);
    this.pending = [...this.pending];
    this.changed();
  }

  private stored(channelId: string, message: ShownMessage): void {
    const loaded = this.messages.get(channelId) ?? [];
    this.messages.set(channelId, mergeMessages(loaded, [message]));
    if (this.openChannel === channelId) void this.markRead(channelId);
  }

  /** Resolves once the socket is connected (again). */
  private connection(): Promise<void> {
    const socket = this.socket;
    if (socket === null || socket.connected) {
      return new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return new Promise((resolve) => socket.once("connect", () => resolve()));
  }

  /** Removes a failed message from the pending list. */
  discard(localId: string): void {
    this.uploads.delete(localId);
    this.pending = this.pending.filter((entry) => entry.localId !== localId);
    this.changed();
  }

  /** Closes the socket and stops listening (logout, lock). */
  close(): void {
    this.closed = true;
    void this.channels.flushAcks().finally(() => this.socket?.close());
    for (const cleanup of this.cleanups) cleanup();
    this.listeners.clear();
  }
}
