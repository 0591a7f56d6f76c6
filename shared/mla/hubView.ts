import { z } from "zod";
import { countryCodeSchema, uuidSchema } from "../api/common.ts";
import { mlaStatusSchema } from "./lifecycleVocabulary.ts";
import type { MlaRequest } from "./request.ts";
import { calendarDateSchema } from "./request.ts";
import { urgencyLevelSchema } from "./vocabulary.ts";

/**
 * What the hub may know of an MLA request: enough to route it, track its status, remind and
 * escalate (DESIGN.md §9), nothing of its facts, offences, persons or measures.
 */
export const mlaHubViewSchema = z
  .object({
    v: z.literal(1),
    requestId: uuidSchema,
    requestingPostId: uuidSchema,
    requestedPostId: uuidSchema,
    requestingCountry: countryCodeSchema,
    requestedCountry: countryCodeSchema,
    status: mlaStatusSchema,
    /** True between a `request_information` and the `provide_information` that answers it. */
    awaitingInformation: z.boolean(),
    /** The deadline day (it passes at the end of that day, UTC), if any. */
    deadline: calendarDateSchema.nullable(),
    urgency: urgencyLevelSchema,
    /** Alerts the request references; the hub checks their handling codes. */
    alertIds: z.array(uuidSchema).max(20),
  })
  .strict()
  .meta({ id: "MlaHubView" });

export type MlaHubView = z.infer<typeof mlaHubViewSchema>;

/**
 * The hub-visible metadata of a request, derived from its content so that the two cannot
 * disagree. Returns null while the request does not name both posts and both countries yet.
 */
export function hubViewOf(
  request: MlaRequest,
  status: MlaHubView["status"] = "draft",
): MlaHubView | null {
  const { requestingAuthority: from, requestedAuthority: to } = request;
  if (from.postId === null || to.postId === null || from.country === null || to.country === null) {
    return null;
  }
  return mlaHubViewSchema.parse({
    v: 1,
    requestId: request.requestId,
    requestingPostId: from.postId,
    requestedPostId: to.postId,
    requestingCountry: from.country,
    requestedCountry: to.country,
    status,
    awaitingInformation: false,
    deadline: request.deadline,
    urgency: request.urgency.level,
    alertIds: request.alertIds,
  } satisfies MlaHubView);
}
