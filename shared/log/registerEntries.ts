import { z } from "zod";
import { countryCodeSchema, timestampSchema, uuidSchema } from "../api/common";
import { assignmentRoleSchema, thematicAreaSchema } from "../api/registerVocabulary";

/**
 * Register events in the transparency log: posts, assignments and handover steps. Each schema
 * is strict and versioned like the identity entries in `entries.ts`. They record identifiers,
 * titles, roles and times, never contact channels, reasons or notes: those stay in the register,
 * behind its policies. `at` is the acting device's clock, which the hub accepts only within five
 * minutes of its own; for a completed handover it is also the moment the post changed hands.
 */

const entry = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ v: z.literal(1), type: z.literal(type), ...shape, at: timestampSchema }).strict();

/** A post is created in an organisation (the post outlives everyone who holds it). */
export const postCreatedEntrySchema = entry("post-created", {
  postId: uuidSchema,
  organisationId: uuidSchema,
  country: countryCodeSchema,
  title: z.string().min(1).max(200),
  thematicAreas: z.array(thematicAreaSchema),
});

/** The post details that a `post-changed` entry can name. */
export const postFieldSchema = z.enum([
  "title",
  "thematicAreas",
  "workingLanguages",
  "contactChannels",
  "timeZone",
  "deputyPostId",
]);

/** Some details of a post changed; `fields` names them in alphabetical order. */
export const postChangedEntrySchema = entry("post-changed", {
  postId: uuidSchema,
  fields: z.array(postFieldSchema).min(1),
});

/** A person starts holding a post (or deputising, or holding it in the interim). */
export const assignmentStartedEntrySchema = entry("assignment-started", {
  assignmentId: uuidSchema,
  postId: uuidSchema,
  personId: uuidSchema,
  role: assignmentRoleSchema,
  startsAt: timestampSchema,
});

/** An assignment ends (outside a handover, which records both ends in `handover-completed`). */
export const assignmentEndedEntrySchema = entry("assignment-ended", {
  assignmentId: uuidSchema,
  postId: uuidSchema,
  personId: uuidSchema,
  endsAt: timestampSchema,
});

/** A handover of a post from its current holder (null when vacant) to a successor begins. */
export const handoverStartedEntrySchema = entry("handover-started", {
  handoverId: uuidSchema,
  postId: uuidSchema,
  predecessorAssignmentId: uuidSchema.nullable(),
  predecessorPersonId: uuidSchema.nullable(),
  successorPersonId: uuidSchema,
});

const handoverStepShape = {
  handoverId: uuidSchema,
  postId: uuidSchema,
  successorPersonId: uuidSchema,
};

/** The successor has enrolled and has an active device. */
export const handoverSuccessorEnrolledEntrySchema = entry(
  "handover-successor-enrolled",
  handoverStepShape,
);

/** The post's channel keys have been handed over to the successor's devices. */
export const handoverKeysHandedOverEntrySchema = entry(
  "handover-keys-handed-over",
  handoverStepShape,
);

/**
 * "A's assignment ends, B's begins" (DESIGN.md §7), signed once: the predecessor's assignment
 * (if any) ends at `at` and the successor's holder assignment starts at `at`.
 */
export const handoverCompletedEntrySchema = entry("handover-completed", {
  handoverId: uuidSchema,
  postId: uuidSchema,
  endedAssignmentId: uuidSchema.nullable(),
  predecessorPersonId: uuidSchema.nullable(),
  startedAssignmentId: uuidSchema,
  successorPersonId: uuidSchema,
});

/** The handover is abandoned; the post stays with its holder. */
export const handoverCancelledEntrySchema = entry("handover-cancelled", handoverStepShape);

export const registerEntrySchemas = [
  postCreatedEntrySchema,
  postChangedEntrySchema,
  assignmentStartedEntrySchema,
  assignmentEndedEntrySchema,
  handoverStartedEntrySchema,
  handoverSuccessorEnrolledEntrySchema,
  handoverKeysHandedOverEntrySchema,
  handoverCompletedEntrySchema,
  handoverCancelledEntrySchema,
] as const;

/** Any register event of the log. */
export type RegisterEntry = z.infer<(typeof registerEntrySchemas)[number]>;
