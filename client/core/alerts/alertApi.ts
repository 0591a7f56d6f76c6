import type { z } from "zod";
import type { AlertFollowUpMetadata } from "#shared/alerts/thread";
import {
  type AlertDetail,
  type AlertSettings,
  type AlertView,
  alertDetailResponseSchema,
  alertForwardResponseSchema,
  alertListResponseSchema,
  alertRemindersResponseSchema,
  alertResponseSchema,
  type createDistributionListBodySchema,
  type DistributionListView,
  distributionListResponseSchema,
  distributionListsResponseSchema,
  type ForwardAlertBody,
  followUpResponseSchema,
  type IssueAlertBody,
  type PermissionDecisionBody,
  type PermissionRequestBody,
  permissionDecisionResponseSchema,
  permissionRequestResponseSchema,
  type UpdateAlertBody,
} from "#shared/api/alerts";
import type { LogSignature } from "#shared/api/identity";
import type { HubHttp } from "../hubHttp.ts";

const path = (alertId: string, rest = "") => `/api/v1/alerts/${encodeURIComponent(alertId)}${rest}`;

/** The REST calls of alerts, each parsed with the shared schemas. */
export class AlertApi {
  constructor(private readonly http: HubHttp) {}

  list(): Promise<{ alerts: AlertView[]; settings: AlertSettings }> {
    return this.http.json("GET", "/api/v1/alerts", alertListResponseSchema);
  }

  async issue(body: IssueAlertBody): Promise<AlertView> {
    return (await this.http.json("POST", "/api/v1/alerts", alertResponseSchema, body)).alert;
  }

  detail(alertId: string): Promise<AlertDetail> {
    return this.http.json("GET", path(alertId), alertDetailResponseSchema);
  }

  async update(alertId: string, body: UpdateAlertBody): Promise<AlertView> {
    return (await this.http.json("POST", path(alertId, "/versions"), alertResponseSchema, body))
      .alert;
  }

  async acknowledge(
    alertId: string,
    body: { postId: string; version: number; log: LogSignature },
  ): Promise<AlertView> {
    const ack = path(alertId, "/acknowledgements");
    return (await this.http.json("POST", ack, alertResponseSchema, body)).alert;
  }

  async withdraw(alertId: string, log: LogSignature): Promise<AlertView> {
    const withdrawal = path(alertId, "/withdrawal");
    return (await this.http.json("POST", withdrawal, alertResponseSchema, { log })).alert;
  }

  async registerFollowUp(metadata: AlertFollowUpMetadata): Promise<AlertFollowUpMetadata> {
    const followUps = path(metadata.alertId, "/follow-ups");
    return (await this.http.json("POST", followUps, followUpResponseSchema, metadata)).followUp;
  }

  async requestPermission(alertId: string, body: PermissionRequestBody) {
    const requests = path(alertId, "/permission-requests");
    return (await this.http.json("POST", requests, permissionRequestResponseSchema, body)).request;
  }

  async decidePermission(alertId: string, requestId: string, body: PermissionDecisionBody) {
    const decisions = path(
      alertId,
      `/permission-requests/${encodeURIComponent(requestId)}/decisions`,
    );
    return (await this.http.json("POST", decisions, permissionDecisionResponseSchema, body))
      .decision;
  }

  async forward(alertId: string, body: ForwardAlertBody) {
    const forwards = path(alertId, "/forwards");
    return (await this.http.json("POST", forwards, alertForwardResponseSchema, body)).forward;
  }

  async reminders() {
    return (await this.http.json("GET", "/api/v1/alert-reminders", alertRemindersResponseSchema))
      .reminders;
  }

  async lists(): Promise<DistributionListView[]> {
    return (await this.http.json("GET", "/api/v1/alert-lists", distributionListsResponseSchema))
      .lists;
  }

  async createList(
    body: z.input<typeof createDistributionListBodySchema>,
  ): Promise<DistributionListView> {
    return (
      await this.http.json("POST", "/api/v1/alert-lists", distributionListResponseSchema, body)
    ).list;
  }
}
