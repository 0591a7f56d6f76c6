import { z } from "zod";
import {
  deadlineNoticeKindSchema,
  mlaActionSchema,
  mlaSideSchema,
  mlaStatusSchema,
  refusalGroundSchema,
} from "../mla/lifecycleVocabulary.ts";
import { calendarDateSchema } from "../mla/request.ts";
import { urgencyLevelSchema } from "../mla/vocabulary.ts";
import { countryCodeSchema, timestampSchema, uuidSchema } from "./common.ts";
import { logSignatureSchema } from "./identity.ts";

/**
 * REST bodies and views of MLA requests on the hub (docs/mla.md "On the hub"). The hub sees
 * only the hub view (parties, status, deadline, urgency, referenced alerts); the request itself
 * travels end-to-end encrypted in the request's channel.
 */

export const mlaRequestParamsSchema = z.object({ requestId: uuidSchema }).strict();

/**
 * `POST /api/v1/mla`: registers a request sent through `channelId` (created by the requesting
 * post's holder, with the requested post as its only other member), logged as the `send`
 * transition from `draft` to `sent`, signed by the requesting device.
 */
export const sendMlaBodySchema = z
  .object({
    requestId: uuidSchema,
    requestingPostId: uuidSchema,
    requestedPostId: uuidSchema,
    requestingCountry: countryCodeSchema,
    requestedCountry: countryCodeSchema,
    urgency: urgencyLevelSchema,
    /** The deadline day (it passes at the end of that day, UTC), if any. */
    deadline: calendarDateSchema.nullable(),
    /** Alerts the request relies on; refused when one's handling code forbids judicial use. */
    alertIds: z.array(uuidSchema).max(20),
    channelId: uuidSchema,
    log: logSignatureSchema,
  })
  .strict();
export type SendMlaBody = z.infer<typeof sendMlaBodySchema>;

/**
 * `POST /api/v1/mla/:requestId/transitions`: a side moves the request. The hub rebuilds the
 * `mla-transition` statement from these fields and `log.at`, and checks the signature.
 */
export const mlaTransitionBodySchema = z
  .object({
    action: mlaActionSchema.exclude(["send"]),
    side: mlaSideSchema,
    /** The status the actor saw. */
    from: mlaStatusSchema,
    /** Coded grounds: required for `refuse`, absent otherwise. */
    grounds: z.array(refusalGroundSchema).min(1).max(6).optional(),
    log: logSignatureSchema,
  })
  .strict();
export type MlaTransitionBody = z.infer<typeof mlaTransitionBodySchema>;

/** A request as the hub tracks it. */
export const mlaRequestViewSchema = z
  .object({
    requestId: uuidSchema,
    channelId: uuidSchema,
    requestingPostId: uuidSchema,
    requestedPostId: uuidSchema,
    requestingCountry: countryCodeSchema,
    requestedCountry: countryCodeSchema,
    status: mlaStatusSchema,
    /** True between a `request_information` and the `provide_information` that answers it. */
    awaitingInformation: z.boolean(),
    deadline: calendarDateSchema.nullable(),
    /** True once the deadline day has passed while the requested side still owes an answer. */
    overdue: z.boolean(),
    urgency: urgencyLevelSchema,
    alertIds: z.array(uuidSchema),
    sentAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .strict()
  .meta({ id: "MlaRequestView" });
export type MlaRequestView = z.infer<typeof mlaRequestViewSchema>;

/** One transition of a request's history ("where is my request"). */
export const mlaHistoryItemSchema = z
  .object({
    action: mlaActionSchema,
    side: mlaSideSchema,
    from: mlaStatusSchema,
    to: mlaStatusSchema,
    grounds: z.array(refusalGroundSchema).nullable(),
    /** The post of the side that acted. */
    actorPostId: uuidSchema,
    actorDeviceId: uuidSchema,
    /** When the hub recorded it. */
    at: timestampSchema,
    /** The position of its signed entry in the transparency log (null until committed). */
    logIndex: z.int().min(0).nullable(),
  })
  .strict()
  .meta({ id: "MlaHistoryItem" });
export type MlaHistoryItem = z.infer<typeof mlaHistoryItemSchema>;

export const mlaRequestResponseSchema = z.object({ request: mlaRequestViewSchema }).strict();

/** `GET /api/v1/mla/:requestId`: the request and its status history, oldest first. */
export const mlaRequestDetailSchema = z
  .object({ request: mlaRequestViewSchema, history: z.array(mlaHistoryItemSchema) })
  .strict()
  .meta({ id: "MlaRequestDetail" });
export type MlaRequestDetail = z.infer<typeof mlaRequestDetailSchema>;

/** `GET /api/v1/mla`: the requests of my posts (either side), and my country's for coordinators. */
export const mlaListResponseSchema = z.object({ requests: z.array(mlaRequestViewSchema) }).strict();

/** A deadline notice the hub's job sent, as its recipients see it. */
export const mlaReminderViewSchema = z
  .object({
    requestId: uuidSchema,
    kind: deadlineNoticeKindSchema,
    deadline: calendarDateSchema,
    requestingPostId: uuidSchema,
    requestedPostId: uuidSchema,
    requestedCountry: countryCodeSchema,
    /** When it fell due, and when the hub sent it. */
    dueAt: timestampSchema,
    sentAt: timestampSchema,
  })
  .strict()
  .meta({ id: "MlaReminder" });
export type MlaReminderView = z.infer<typeof mlaReminderViewSchema>;

/**
 * `GET /api/v1/mla-reminders`: reminders to the requested posts I hold; escalations of the
 * requests of my posts, and, for a national coordinator, of the requests to their country.
 */
export const mlaRemindersResponseSchema = z
  .object({ reminders: z.array(mlaReminderViewSchema) })
  .strict();
