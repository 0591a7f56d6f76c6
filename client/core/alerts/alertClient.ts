import type { AlertContent } from "#shared/alerts/content";
import { checkAddressing, checkForwarding, type PostRef } from "#shared/alerts/distribution";
import { type AlertDocument, alertDocumentSchema } from "#shared/alerts/document";
import {
  alertAcknowledgedEntry,
  alertForwardedEntry,
  alertIssuedEntry,
  alertPermissionDecidedEntry,
  alertPermissionRequestedEntry,
  alertUpdatedEntry,
  alertWithdrawnEntry,
} from "#shared/alerts/entryBuilders";
import { type AlertRecipients, defaultAlertExpiry } from "#shared/alerts/metadata";
import type { AlertFollowUp } from "#shared/alerts/thread";
import type { FollowUpKind, PermissionPurpose } from "#shared/alerts/vocabulary";
import type { AlertDetail, AlertView } from "#shared/api/alerts";
import type { PostView } from "#shared/api/registerViews";
import type { Language } from "#shared/i18n/languages";
import type { LogEntry } from "#shared/log/entries";
import type { ChannelClient } from "../channels/channelClient.ts";
import { type DeviceCrypto, type DeviceKeys, sodiumDeviceCrypto } from "../crypto/index.ts";
import { signLogEntry } from "../deviceStatements.ts";
import type { HubClient } from "../hubClient.ts";
import { HubHttp } from "../hubHttp.ts";
import { postsHeldBy, resolveAddressing } from "./alertAddressing.ts";
import { AlertApi } from "./alertApi.ts";
import { AlertClientError } from "./alertErrors.ts";
import { type AlertThread, alertThread } from "./alertThread.ts";

/** Options of {@link AlertClient}. */
export interface AlertClientOptions {
  /** A logged-in client. */
  readonly hub: HubClient;
  /** Its channel client, attached to a socket. */
  readonly channels: ChannelClient;
  /** The device that signs the alert actions' log entries. */
  readonly device: { readonly deviceId: string; readonly keys: DeviceKeys };
  /** The clock that dates signed entries (the hub accepts five minutes of skew). */
  readonly now?: () => Date;
  readonly crypto?: DeviceCrypto;
}

/** What an issuer gives to issue an alert. */
export interface NewAlert {
  readonly content: AlertContent;
  readonly addressing: AlertRecipients;
  /** The issuing post; by default the only post I hold. */
  readonly issuerPostId?: string;
  /** By default the hub's default lifetime after now. */
  readonly expiresAt?: Date;
}

/** An alert and what I (the reader) hold of it. */
export interface ReadAlert {
  readonly detail: AlertDetail;
  readonly thread: AlertThread;
}

/**
 * Modus-operandi alerts on the hub (docs/alerts.md "Exchange on the hub"): the issuer's client
 * resolves the addressing, applies the TLP and handling rules, creates the alert's channel,
 * registers the hub-visible metadata (signed as a log entry) and sends the content encrypted in
 * the channel; recipients read, acknowledge and follow up; the originator decides permissions;
 * a recipient forwards only as the rules allow.
 */
export class AlertClient {
  readonly api: AlertApi;
  private readonly hub: HubClient;
  private readonly channels: ChannelClient;
  private readonly device: AlertClientOptions["device"];
  private readonly now: () => Date;
  private readonly crypto: DeviceCrypto;
  private myPersonId: string | null = null;

  constructor(options: AlertClientOptions) {
    this.hub = options.hub;
    this.channels = options.channels;
    this.device = options.device;
    this.now = options.now ?? (() => new Date());
    this.crypto = options.crypto ?? sodiumDeviceCrypto;
    this.api = new AlertApi(
      new HubHttp({ hubUrl: options.hub.hubUrl, token: () => this.hub.token }),
    );
  }

  // ---- Reading --------------------------------------------------------------------------------

  /** The alerts of the posts I hold. */
  async list(): Promise<AlertView[]> {
    return (await this.api.list()).alerts;
  }

  /** The hub's metadata of an alert, with the acknowledgement status of every recipient. */
  detail(alertId: string): Promise<AlertDetail> {
    return this.api.detail(alertId);
  }

  /**
   * Reads an alert's channel afresh: every version sent by a holder of the issuer post whose
   * metadata agrees with the hub's, the changes of the latest, and the follow-ups.
   */
  async read(alertId: string): Promise<ReadAlert> {
    const detail = await this.api.detail(alertId);
    const { alert } = detail;
    const messages = await this.channels.history(alert.channelId);
    // Versions speak for the issuer post: their sender must be someone the log shows holding it
    // (the holder at the time, so versions survive a handover of the issuer post).
    const senders = [...new Set(messages.map((message) => message.senderPersonId))];
    const issuers = await this.channels.verifier.holdersAmong(alert.issuerPostId, senders);
    const thread = alertThread(alertId, messages, (message) => {
      if (message.content.kind !== "alert") return false;
      const { metadata } = message.content.document;
      return (
        issuers.has(message.senderPersonId) &&
        metadata.issuerPostId === alert.issuerPostId &&
        metadata.version <= alert.version
      );
    });
    const latest = thread.latest?.metadata;
    if (
      latest &&
      latest.version === alert.version &&
      (latest.tlp !== alert.tlp || latest.handling !== alert.handling)
    ) {
      throw new AlertClientError(
        "metadata_mismatch",
        `version ${latest.version} of alert ${alertId} differs from the hub's metadata`,
      );
    }
    return { detail, thread };
  }

  // ---- Issuing --------------------------------------------------------------------------------

  /** Issues an alert: resolve, check, create the channel, register, send. */
  async issue(input: NewAlert): Promise<{ alert: AlertView; document: AlertDocument }> {
    const issuerPostId = input.issuerPostId ?? (await this.onlyHeldPost()).id;
    const recipientPostIds = await resolveAddressing(
      this.hub.register,
      this.api,
      input.addressing,
      issuerPostId,
    );
    const now = this.now();
    const expiresAt =
      input.expiresAt ??
      defaultAlertExpiry(now, (await this.api.list()).settings.defaultExpiryMonths);
    const document = this.document(input.content, {
      alertId: globalThis.crypto.randomUUID(),
      version: 1,
      issuerPostId,
      recipients: input.addressing,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    const verdict = checkAddressing(document.metadata);
    if (!verdict.allowed) {
      throw new AlertClientError(
        "distribution_refused",
        "the TLP label forbids this addressing",
        verdict.reasons,
      );
    }
    if (recipientPostIds.length === 0) {
      throw new AlertClientError("no_recipients", "the addressing reaches no post");
    }
    const { metadata } = document;
    const channel = await this.channels.create({
      name: `Alert ${metadata.alertId}`,
      ownerPostId: issuerPostId,
      memberPostIds: recipientPostIds,
      // Alerts are addressed to posts: a successor in a post reads what was sent to it.
      historyPolicy: "institutional",
    });
    const fields = {
      alertId: metadata.alertId,
      issuerPostId,
      channelId: channel.id,
      recipientPostIds,
      addressing: metadata.recipients,
      tlp: metadata.tlp,
      handling: metadata.handling,
      urgent: metadata.urgent,
      expiresAt: metadata.expiresAt,
    };
    const alert = await this.api.issue({
      ...fields,
      log: await this.sign(alertIssuedEntry(fields, this.now().toISOString())),
    });
    await this.channels.send(channel.id, {
      kind: "alert",
      alertId: metadata.alertId,
      version: 1,
      document,
    });
    return { alert, document };
  }

  /** Issues a new version with `content`: registered as version + 1, then sent in the channel. */
  async update(
    alertId: string,
    content: AlertContent,
    options: { expiresAt?: Date } = {},
  ): Promise<{ alert: AlertView; document: AlertDocument }> {
    const { detail, thread } = await this.read(alertId);
    const previous = detail.alert;
    const now = this.now();
    const document = this.document(content, {
      alertId,
      version: previous.version + 1,
      issuerPostId: previous.issuerPostId,
      recipients: previous.addressing,
      createdAt: thread.versions[0]?.metadata.createdAt ?? previous.createdAt,
      updatedAt: now.toISOString(),
      expiresAt: options.expiresAt?.toISOString() ?? previous.expiresAt,
    });
    const { metadata } = document;
    const fields = {
      version: metadata.version,
      tlp: metadata.tlp,
      handling: metadata.handling,
      urgent: metadata.urgent,
      expiresAt: metadata.expiresAt,
    };
    const entry = alertUpdatedEntry(alertId, previous.issuerPostId, fields, now.toISOString());
    const alert = await this.api.update(alertId, { ...fields, log: await this.sign(entry) });
    await this.channels.send(previous.channelId, {
      kind: "alert",
      alertId,
      version: metadata.version,
      document,
    });
    return { alert, document };
  }

  /** Withdraws an alert I issued. */
  async withdraw(alertId: string): Promise<AlertView> {
    const { alert } = await this.api.detail(alertId);
    const entry = alertWithdrawnEntry(alertId, alert.issuerPostId, this.now().toISOString());
    return this.api.withdraw(alertId, await this.sign(entry));
  }

  // ---- Receiving ------------------------------------------------------------------------------

  /** Acknowledges the current version for a recipient post I hold (the only one, by default). */
  async acknowledge(alertId: string, postId?: string): Promise<AlertView> {
    const { alert } = await this.api.detail(alertId);
    const post = postId ?? (await this.heldAmong(alert.recipientPostIds));
    const entry = alertAcknowledgedEntry(alertId, alert.version, post, this.now().toISOString());
    return this.api.acknowledge(alertId, {
      postId: post,
      version: alert.version,
      log: await this.sign(entry),
    });
  }

  /**
   * Threads a follow-up, request for information or answer under the alert: its metadata is
   * registered with the hub (refused once the alert is closed), its text sent encrypted.
   */
  async followUp(
    alertId: string,
    input: {
      text: string;
      language: Language;
      kind?: FollowUpKind;
      inReplyTo?: string;
      authorPostId?: string;
    },
  ): Promise<AlertFollowUp> {
    const { alert } = await this.api.detail(alertId);
    const authorPostId =
      input.authorPostId ?? (await this.heldAmong([alert.issuerPostId, ...alert.recipientPostIds]));
    const followUp: AlertFollowUp = {
      metadata: {
        v: 1,
        followUpId: globalThis.crypto.randomUUID(),
        alertId,
        alertVersion: alert.version,
        authorPostId,
        kind: input.kind ?? "follow_up",
        ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
        createdAt: this.now().toISOString(),
      },
      content: { v: 1, language: input.language, text: input.text },
    };
    await this.api.registerFollowUp(followUp.metadata);
    await this.channels.send(alert.channelId, { kind: "alert-follow-up", followUp });
    return followUp;
  }

  // ---- Permissions and forwarding -------------------------------------------------------------

  /** Asks the originator for permission to forward (to `targetPostIds`) or for judicial use. */
  async requestPermission(
    alertId: string,
    input: {
      purpose: PermissionPurpose;
      justification: string;
      targetPostIds?: string[];
      requestingPostId?: string;
    },
  ) {
    const { alert } = await this.api.detail(alertId);
    const requestingPostId =
      input.requestingPostId ?? (await this.heldAmong(alert.recipientPostIds));
    const fields = {
      requestId: globalThis.crypto.randomUUID(),
      purpose: input.purpose,
      requestingPostId,
      ...(input.targetPostIds ? { targetPostIds: input.targetPostIds } : {}),
    };
    const entry = alertPermissionRequestedEntry(alertId, fields, this.now().toISOString());
    return this.api.requestPermission(alertId, {
      ...fields,
      alertVersion: alert.version,
      justification: input.justification,
      log: await this.sign(entry),
    });
  }

  /** The originator grants or refuses a permission request. */
  async decidePermission(
    alertId: string,
    requestId: string,
    input: { decision: "granted" | "refused"; conditions?: string; validUntil?: Date },
  ) {
    const { alert } = await this.api.detail(alertId);
    const body = {
      decision: input.decision,
      ...(input.conditions ? { conditions: input.conditions } : {}),
      ...(input.validUntil ? { validUntil: input.validUntil.toISOString() } : {}),
    };
    const entry = alertPermissionDecidedEntry(
      alertId,
      requestId,
      alert.issuerPostId,
      body,
      this.now().toISOString(),
    );
    return this.api.decidePermission(alertId, requestId, { ...body, log: await this.sign(entry) });
  }

  /**
   * Forwards the latest version to other posts through a channel of mine, after applying the
   * TLP and handling rules with the permissions the originator granted; refuses with
   * `distribution_refused` (and its reasons) before anything is sent.
   */
  async forward(alertId: string, toPostIds: string[], options: { fromPostId?: string } = {}) {
    const { detail, thread } = await this.read(alertId);
    const { alert } = detail;
    const document = thread.latest;
    if (!document)
      throw new AlertClientError("unreadable_alert", `no readable version of ${alertId}`);
    const fromPostId = options.fromPostId ?? (await this.heldAmong(alert.recipientPostIds));
    const refs = await this.postRefs([fromPostId, ...alert.recipientPostIds, ...toPostIds]);
    const from = refs.get(fromPostId) as PostRef;
    for (const target of toPostIds) {
      const to = refs.get(target);
      if (!to) throw new AlertClientError("no_recipients", `no post ${target}`);
      const verdict = checkForwarding({
        metadata: document.metadata,
        from,
        to,
        recipientPosts: alert.recipientPostIds.flatMap((id) => refs.get(id) ?? []),
        permissions: detail.permissionDecisions,
        at: this.now(),
      });
      if (!verdict.allowed) {
        throw new AlertClientError(
          "distribution_refused",
          `forwarding to ${target} is not allowed`,
          verdict.reasons,
        );
      }
    }
    const channel = await this.channels.create({
      name: `Alert ${alertId} (forwarded)`,
      ownerPostId: fromPostId,
      memberPostIds: toPostIds,
      historyPolicy: "institutional",
    });
    await this.channels.send(channel.id, {
      kind: "alert",
      alertId,
      version: document.metadata.version,
      document,
    });
    const fields = {
      version: document.metadata.version,
      fromPostId,
      toPostIds,
      channelId: channel.id,
    };
    const entry = alertForwardedEntry(alertId, fields, this.now().toISOString());
    return this.api.forward(alertId, { ...fields, log: await this.sign(entry) });
  }

  // ---- Internals ------------------------------------------------------------------------------

  /** Builds and checks the document (the metadata's TLP, handling, urgency from the content). */
  private document(
    content: AlertContent,
    metadata: Omit<AlertDocument["metadata"], "v" | "tlp" | "handling" | "urgent">,
  ): AlertDocument {
    // A JSON round trip drops undefined fields, so the signed bytes are those the hub rebuilds.
    const candidate = JSON.parse(
      JSON.stringify({
        format: "relais-alert",
        v: 1,
        metadata: {
          v: 1,
          ...metadata,
          tlp: content.tlp,
          handling: content.handling,
          urgent: content.urgency !== "routine",
        },
        content,
      }),
    ) as unknown;
    return alertDocumentSchema.parse(candidate);
  }

  private async sign(entry: LogEntry): Promise<{ at: string; signature: string }> {
    await this.crypto.ready();
    return signLogEntry(this.crypto, this.device.keys, entry);
  }

  private async personId(): Promise<string> {
    this.myPersonId ??= (await this.hub.me()).person.id;
    return this.myPersonId;
  }

  private async held(): Promise<PostView[]> {
    return postsHeldBy(this.hub.register, await this.personId());
  }

  private async onlyHeldPost(): Promise<PostView> {
    const held = await this.held();
    const [first, second] = held;
    if (!first || second) {
      throw new AlertClientError(
        "not_holder",
        `I hold ${held.length} posts: name the issuing post`,
      );
    }
    return first;
  }

  /** The one post among `postIds` that I hold. */
  private async heldAmong(postIds: readonly string[]): Promise<string> {
    const mine = (await this.held()).filter((post) => postIds.includes(post.id));
    const [first, second] = mine;
    if (!first || second) {
      throw new AlertClientError(
        "not_holder",
        `I hold ${mine.length} of this alert's posts: name one`,
      );
    }
    return first.id;
  }

  private async postRefs(ids: readonly string[]): Promise<Map<string, PostRef>> {
    const refs = new Map<string, PostRef>();
    for (const id of new Set(ids)) {
      const post = await this.hub.register.post(id);
      refs.set(id, { postId: post.id, organisationId: post.organisation.id });
    }
    return refs;
  }
}
