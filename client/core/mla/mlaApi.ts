import {
  type MlaReminderView,
  type MlaRequestDetail,
  type MlaRequestView,
  type MlaTransitionBody,
  mlaListResponseSchema,
  mlaRemindersResponseSchema,
  mlaRequestDetailSchema,
  mlaRequestResponseSchema,
  type SendMlaBody,
} from "#shared/api/mla";
import type { HubHttp } from "../hubHttp.ts";

const path = (requestId: string, rest = "") =>
  `/api/v1/mla/${encodeURIComponent(requestId)}${rest}`;

/** The REST calls of MLA requests, each parsed with the shared schemas. */
export class MlaApi {
  constructor(private readonly http: HubHttp) {}

  async list(): Promise<MlaRequestView[]> {
    return (await this.http.json("GET", "/api/v1/mla", mlaListResponseSchema)).requests;
  }

  async send(body: SendMlaBody): Promise<MlaRequestView> {
    return (await this.http.json("POST", "/api/v1/mla", mlaRequestResponseSchema, body)).request;
  }

  detail(requestId: string): Promise<MlaRequestDetail> {
    return this.http.json("GET", path(requestId), mlaRequestDetailSchema);
  }

  async transition(requestId: string, body: MlaTransitionBody): Promise<MlaRequestView> {
    const transitions = path(requestId, "/transitions");
    return (await this.http.json("POST", transitions, mlaRequestResponseSchema, body)).request;
  }

  async reminders(): Promise<MlaReminderView[]> {
    return (await this.http.json("GET", "/api/v1/mla-reminders", mlaRemindersResponseSchema))
      .reminders;
  }
}
