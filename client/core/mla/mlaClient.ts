import { judicialUseAllowed } from "#shared/alerts/distribution";
import type { AlertView } from "#shared/api/alerts";
import type {
  MlaHistoryItem,
  MlaReminderView,
  MlaRequestDetail,
  MlaRequestView,
} from "#shared/api/mla";
import type { Language } from "#shared/i18n/languages";
import type { LogEntry } from "#shared/log/entries";
import { actsForCentralAuthority } from "#shared/mla/centralAuthority";
import { checkCompleteness } from "#shared/mla/completeness";
import { mlaSentEntry, mlaTransitionEntry } from "#shared/mla/entryBuilders";
import { hubViewOf } from "#shared/mla/hubView";
import { transitionOf } from "#shared/mla/lifecycle";
import type { MlaAction, MlaSide, RefusalGround } from "#shared/mla/lifecycleVocabulary";
import type { MlaRequest } from "#shared/mla/request";
import { postsHeldBy } from "../alerts/alertAddressing.ts";
import { AlertApi } from "../alerts/alertApi.ts";
import type { ChannelClient } from "../channels/channelClient.ts";
import type { ReceivedMessage } from "../channels/channelEvents.ts";
import { type DeviceCrypto, type DeviceKeys, sodiumDeviceCrypto } from "../crypto/index.ts";
import { signLogEntry } from "../deviceStatements.ts";
import type { HubClient } from "../hubClient.ts";
import { HubHttp } from "../hubHttp.ts";
import { MlaApi } from "./mlaApi.ts";
import { MlaClientError } from "./mlaErrors.ts";

/** Options of {@link MlaClient}. */
export interface MlaClientOptions {
  /** A logged-in client. */
  readonly hub: HubClient;
  /** Its channel client, attached to a socket. */
  readonly channels: ChannelClient;
  /** The device that signs the transitions' log entries. */
  readonly device: { readonly deviceId: string; readonly keys: DeviceKeys };
  /** The clock that dates signed entries and the completeness check. */
  readonly now?: () => Date;
  readonly crypto?: DeviceCrypto;
}

/** What goes with a transition besides its code. */
export interface TransitionOptions {
  /** Coded grounds, for `refuse`. */
  readonly grounds?: readonly RefusalGround[];
  /** Free text (the questions, the information, the reasoning), sent encrypted in the channel. */
  readonly note?: string;
  /** The language of the note (default: English). */
  readonly language?: Language;
}

/** A request decrypted from its channel, with the hub's status. */
export interface ReadMlaRequest {
  readonly detail: MlaRequestDetail;
  readonly request: MlaRequest;
  /** The texts exchanged about the request, oldest first. */
  readonly messages: readonly ReceivedMessage[];
}

/**
 * Mutual legal assistance requests on the hub (docs/mla.md "On the hub"): the requesting
 * client checks the request is complete and that its alerts may be used in judicial
 * proceedings, creates the request's channel with the requested post, registers the hub view
 * (signed as the `send` transition) and sends the request encrypted; each side then moves it
 * with signed transitions, and both see where it stands.
 */
export class MlaClient {
  readonly api: MlaApi;
  private readonly alerts: AlertApi;
  private readonly hub: HubClient;
  private readonly channels: ChannelClient;
  private readonly device: MlaClientOptions["device"];
  private readonly now: () => Date;
  private readonly crypto: DeviceCrypto;
  private myPersonId: string | null = null;

  constructor(options: MlaClientOptions) {
    this.hub = options.hub;
    this.channels = options.channels;
    this.device = options.device;
    this.now = options.now ?? (() => new Date());
    this.crypto = options.crypto ?? sodiumDeviceCrypto;
    const http = new HubHttp({ hubUrl: options.hub.hubUrl, token: () => this.hub.token });
    this.api = new MlaApi(http);
    this.alerts = new AlertApi(http);
  }

  // ---- Sending --------------------------------------------------------------------------------

  /**
   * Sends a request: refused here with `request_incomplete` unless the completeness check is
   * clean, with `not_holder` unless I hold the requesting post, with `judicial_use_forbidden`
   * when a referenced alert may not be used; then channel, registration, encrypted request.
   */
  async send(request: MlaRequest): Promise<MlaRequestView> {
    const findings = checkCompleteness(request, this.now());
    const view = hubViewOf(request);
    if (findings.length > 0 || view === null) {
      throw new MlaClientError(
        "request_incomplete",
        `the request has ${findings.length} finding(s)`,
        { findings },
      );
    }
    const held = await this.heldPostIds();
    if (!held.includes(view.requestingPostId)) {
      throw new MlaClientError("not_holder", "I do not hold the requesting post");
    }
    // The requested side is the central authority: checked before anything is created.
    const requested = await this.hub.register.post(view.requestedPostId);
    const designated = actsForCentralAuthority({
      organisationKind: requested.organisation.kind,
      thematicAreas: requested.thematicAreas,
    });
    if (!designated) {
      throw new MlaClientError(
        "not_central_authority",
        "the requested post is neither a central authority's nor designated for MLA",
      );
    }
    await this.checkAlerts(view.alertIds, view.requestingPostId);
    // The channel's name is hub-visible: it names the request by its id, nothing of its content.
    const channel = await this.channels.create({
      name: `MLA request ${view.requestId}`,
      ownerPostId: view.requestingPostId,
      memberPostIds: [view.requestedPostId],
      // Addressed to posts: a successor in either post reads the whole exchange.
      historyPolicy: "institutional",
    });
    const registered = await this.api.send({
      requestId: view.requestId,
      requestingPostId: view.requestingPostId,
      requestedPostId: view.requestedPostId,
      requestingCountry: view.requestingCountry,
      requestedCountry: view.requestedCountry,
      urgency: view.urgency,
      deadline: view.deadline,
      alertIds: view.alertIds,
      channelId: channel.id,
      log: await this.sign(mlaSentEntry(view.requestId, this.now().toISOString())),
    });
    await this.channels.send(channel.id, {
      kind: "mla-request",
      requestId: view.requestId,
      request,
    });
    return registered;
  }

  // ---- Tracking -------------------------------------------------------------------------------

  /** The requests of the posts I hold (and of my country, for a national coordinator). */
  list(): Promise<MlaRequestView[]> {
    return this.api.list();
  }

  /** Where a request stands: its metadata and status history. */
  detail(requestId: string): Promise<MlaRequestDetail> {
    return this.api.detail(requestId);
  }

  /** The status history alone, oldest first. */
  async history(requestId: string): Promise<MlaHistoryItem[]> {
    return (await this.api.detail(requestId)).history;
  }

  /** The deadline reminders and escalations addressed to me. */
  reminders(): Promise<MlaReminderView[]> {
    return this.api.reminders();
  }

  /**
   * Decrypts the request from its channel: the `mla-request` message sent by a holder of the
   * requesting post (by the log) whose parties agree with the hub's, and the texts exchanged since.
   */
  async read(requestId: string): Promise<ReadMlaRequest> {
    const detail = await this.api.detail(requestId);
    const { request: view } = detail;
    const history = await this.channels.history(view.channelId);
    // The request speaks for the requesting post: its sender must be someone the log shows
    // holding that post (then, so a request survives a handover of the post).
    const senders = [...new Set(history.map((message) => message.senderPersonId))];
    const requesters = await this.channels.verifier.holdersAmong(view.requestingPostId, senders);
    const found = history.find((message) => {
      const { content } = message;
      if (content.kind !== "mla-request" || content.requestId !== requestId) return false;
      const claimed = hubViewOf(content.request);
      return (
        requesters.has(message.senderPersonId) &&
        claimed !== null &&
        claimed.requestingPostId === view.requestingPostId &&
        claimed.requestedPostId === view.requestedPostId &&
        claimed.requestingCountry === view.requestingCountry &&
        claimed.requestedCountry === view.requestedCountry
      );
    });
    if (found?.content.kind !== "mla-request") {
      throw new MlaClientError("unreadable_request", `no readable request ${requestId}`);
    }
    const messages = history.filter(
      (message) =>
        message.content.kind === "mla-message" && message.content.requestId === requestId,
    );
    return { detail, request: found.content.request, messages };
  }

  // ---- Moving ---------------------------------------------------------------------------------

  /**
   * Takes `action` for the side I hold (the side the action belongs to, when I hold both),
   * signed from the status I see; the hub refuses with `invalid_transition`, `wrong_side` or
   * `request_closed`. A note goes encrypted into the request's channel once the hub accepted.
   */
  async transition(
    requestId: string,
    action: Exclude<MlaAction, "send">,
    options: TransitionOptions = {},
  ): Promise<MlaRequestView> {
    const { request: view } = await this.api.detail(requestId);
    const side = await this.sideFor(view, transitionOf(action).side);
    const fields = {
      action,
      side,
      from: view.status,
      ...(options.grounds ? { grounds: [...new Set(options.grounds)].sort() } : {}),
    };
    const entry = mlaTransitionEntry(requestId, fields, this.now().toISOString());
    const moved = await this.api.transition(requestId, { ...fields, log: await this.sign(entry) });
    if (options.note !== undefined) {
      await this.message(requestId, options.note, { action, language: options.language });
    }
    return moved;
  }

  /** Sends a text about the request in its channel (encrypted; the hub logs nothing of it). */
  async message(
    requestId: string,
    text: string,
    options: { action?: MlaAction | undefined; language?: Language | undefined } = {},
  ): Promise<void> {
    const { request: view } = await this.api.detail(requestId);
    await this.channels.send(view.channelId, {
      kind: "mla-message",
      requestId,
      ...(options.action ? { action: options.action } : {}),
      language: options.language ?? "en",
      text,
      attachments: [],
      sentAt: this.now().toISOString(),
    });
  }

  // ---- Internals ------------------------------------------------------------------------------

  /** Refuses alerts that the requesting post may not use in judicial proceedings. */
  private async checkAlerts(alertIds: readonly string[], requestingPostId: string) {
    for (const alertId of alertIds) {
      const detail = await this.alerts.detail(alertId);
      const verdict = judicialUseAllowed(metadataOf(detail.alert), detail.permissionDecisions, {
        postId: requestingPostId,
        at: this.now(),
      });
      if (!verdict.allowed) {
        throw new MlaClientError(
          "judicial_use_forbidden",
          `alert ${alertId} may not be used without its originator's permission`,
          { reasons: verdict.reasons },
        );
      }
    }
  }

  /** The side I act for: the one `preferred` names if I hold it, else the one I hold. */
  private async sideFor(view: MlaRequestView, preferred: MlaSide): Promise<MlaSide> {
    const held = await this.heldPostIds();
    const sides: MlaSide[] = [];
    if (held.includes(view.requestingPostId)) sides.push("requesting");
    if (held.includes(view.requestedPostId)) sides.push("requested");
    if (sides.includes(preferred)) return preferred;
    const [only] = sides;
    if (only === undefined) {
      throw new MlaClientError("not_holder", `I hold neither post of request ${view.requestId}`);
    }
    // The action belongs to the other side: the hub answers `wrong_side`, as it must.
    return only;
  }

  private async heldPostIds(): Promise<string[]> {
    this.myPersonId ??= (await this.hub.me()).person.id;
    return (await postsHeldBy(this.hub.register, this.myPersonId)).map((post) => post.id);
  }

  private async sign(entry: LogEntry): Promise<{ at: string; signature: string }> {
    await this.crypto.ready();
    return signLogEntry(this.crypto, this.device.keys, entry);
  }
}

/** The hub's metadata of an alert in the shared form the handling rules read. */
function metadataOf(alert: AlertView) {
  return {
    v: 1 as const,
    alertId: alert.alertId,
    version: alert.version,
    issuerPostId: alert.issuerPostId,
    recipients: alert.addressing,
    tlp: alert.tlp,
    handling: alert.handling,
    urgent: alert.urgent,
    createdAt: alert.createdAt,
    updatedAt: alert.updatedAt,
    expiresAt: alert.expiresAt,
  };
}
