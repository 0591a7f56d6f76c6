import type { z } from "zod";
import type {
  completeHandoverFieldsSchema,
  createPostFieldsSchema,
  endAssignmentFieldsSchema,
  handoverStepFieldsSchema,
  startAssignmentFieldsSchema,
  startHandoverFieldsSchema,
  updatePostFieldsSchema,
} from "../api/register";
import type {
  assignmentEndedEntrySchema,
  assignmentStartedEntrySchema,
  handoverCancelledEntrySchema,
  handoverCompletedEntrySchema,
  handoverKeysHandedOverEntrySchema,
  handoverStartedEntrySchema,
  handoverSuccessorEnrolledEntrySchema,
  postChangedEntrySchema,
  postCreatedEntrySchema,
  postFieldSchema,
} from "./registerEntries";

/**
 * The log entry of each register mutation, built from the request alone: the SDK builds it to
 * sign, the hub rebuilds it to verify the signature, so both sides call these functions with the
 * parsed request (path id, body fields and `log.at`) and get byte-identical canonical JSON.
 */

type Input<S extends z.ZodType> = z.output<S>;
type Entry<S extends z.ZodType> = z.output<S>;

/** The `post-created` entry of `POST /api/v1/register/posts`. */
export function postCreatedEntry(
  body: Input<typeof createPostFieldsSchema>,
  at: string,
): Entry<typeof postCreatedEntrySchema> {
  return {
    v: 1,
    type: "post-created",
    postId: body.postId,
    organisationId: body.organisationId,
    country: body.country,
    title: body.title,
    thematicAreas: body.thematicAreas,
    at,
  };
}

const postFields: readonly z.output<typeof postFieldSchema>[] = [
  "contactChannels",
  "deputyPostId",
  "thematicAreas",
  "timeZone",
  "title",
  "workingLanguages",
];

/** The `post-changed` entry of `POST .../posts/:postId/update`: the names of the fields given. */
export function postChangedEntry(
  postId: string,
  body: Input<typeof updatePostFieldsSchema>,
  at: string,
): Entry<typeof postChangedEntrySchema> {
  const fields = postFields.filter((field) => body[field] !== undefined);
  return { v: 1, type: "post-changed", postId, fields, at };
}

/** The `assignment-started` entry of `POST .../posts/:postId/assignments`. */
export function assignmentStartedEntry(
  postId: string,
  body: Input<typeof startAssignmentFieldsSchema>,
  at: string,
): Entry<typeof assignmentStartedEntrySchema> {
  return {
    v: 1,
    type: "assignment-started",
    assignmentId: body.assignmentId,
    postId,
    personId: body.personId,
    role: body.role,
    startsAt: body.startsAt,
    at,
  };
}

/** The `assignment-ended` entry of `POST .../assignments/:assignmentId/end`. */
export function assignmentEndedEntry(
  assignmentId: string,
  body: Input<typeof endAssignmentFieldsSchema>,
  at: string,
): Entry<typeof assignmentEndedEntrySchema> {
  return {
    v: 1,
    type: "assignment-ended",
    assignmentId,
    postId: body.postId,
    personId: body.personId,
    endsAt: body.endsAt,
    at,
  };
}

/** The `handover-started` entry of `POST .../posts/:postId/handovers`. */
export function handoverStartedEntry(
  postId: string,
  body: Input<typeof startHandoverFieldsSchema>,
  at: string,
): Entry<typeof handoverStartedEntrySchema> {
  return {
    v: 1,
    type: "handover-started",
    handoverId: body.handoverId,
    postId,
    predecessorAssignmentId: body.predecessorAssignmentId,
    predecessorPersonId: body.predecessorPersonId,
    successorPersonId: body.successorPersonId,
    at,
  };
}

/** The handover steps recorded with {@link handoverStepEntry}. */
export type IntermediateHandoverStep = "successor_enrolled" | "keys_handed_over" | "cancelled";

const stepTypes = {
  successor_enrolled: "handover-successor-enrolled",
  keys_handed_over: "handover-keys-handed-over",
  cancelled: "handover-cancelled",
} as const;

/** The entry of an intermediate handover step or of a cancellation. */
export function handoverStepEntry(
  step: IntermediateHandoverStep,
  handoverId: string,
  body: Input<typeof handoverStepFieldsSchema>,
  at: string,
):
  | Entry<typeof handoverSuccessorEnrolledEntrySchema>
  | Entry<typeof handoverKeysHandedOverEntrySchema>
  | Entry<typeof handoverCancelledEntrySchema> {
  return {
    v: 1,
    type: stepTypes[step],
    handoverId,
    postId: body.postId,
    successorPersonId: body.successorPersonId,
    at,
  };
}

/** The `handover-completed` entry of `POST .../handovers/:handoverId/complete`. */
export function handoverCompletedEntry(
  handoverId: string,
  body: Input<typeof completeHandoverFieldsSchema>,
  at: string,
): Entry<typeof handoverCompletedEntrySchema> {
  return {
    v: 1,
    type: "handover-completed",
    handoverId,
    postId: body.postId,
    endedAssignmentId: body.predecessorAssignmentId,
    predecessorPersonId: body.predecessorPersonId,
    startedAssignmentId: body.assignmentId,
    successorPersonId: body.successorPersonId,
    at,
  };
}
