import { z } from "zod";
import { signatureSchema, timestampSchema, uuidSchema } from "./common";
import { logSignatureSchema } from "./identity";
import {
  assignmentRoleSchema,
  contactChannelSchema,
  languageCodeSchema,
  organisationKindSchema,
  registerCountrySchema,
  thematicAreaSchema,
  timeZoneSchema,
} from "./registerVocabulary";

export * from "./registerViews";
export * from "./registerVocabulary";

/**
 * The register's REST contract (DESIGN.md §4): bodies, queries and path parameters. Mutations
 * that the transparency log records carry `log: { at, signature }` (see `logSignatureSchema`):
 * the acting device's signature (context `log-entry`) of the entry that
 * `shared/log/registerEntryBuilders.ts` builds from the request's other fields and `log.at`.
 * Each such body has a `...FieldsSchema` (what the SDK fills in and signs) and a `...BodySchema`
 * (the fields and `log`).
 */

function distinct<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .refine((values) => new Set(values).size === values.length, "must not repeat a value");
}

/** The fields of a post that a coordinator or administrator sets. */
export const postDetailsSchema = z.object({
  title: z.string().trim().min(1).max(200),
  thematicAreas: distinct(thematicAreaSchema).min(1),
  workingLanguages: distinct(languageCodeSchema).min(1).max(10),
  contactChannels: z.array(contactChannelSchema).max(20),
  timeZone: timeZoneSchema,
  /** The post that stands in for this one; null when none is designated. */
  deputyPostId: uuidSchema.nullable(),
});
export type PostDetails = z.infer<typeof postDetailsSchema>;

/** The field every log-recorded mutation adds to its fields. */
const logSignedShape = { log: logSignatureSchema };

/**
 * A path id. Anything that is not a UUID cannot name a register record, so it becomes `null`
 * and the hub answers `not_found`, as for any unknown id.
 */
export const recordIdSchema = z
  .string()
  .max(64)
  .transform((value) => (uuidSchema.safeParse(value).success ? value : null));

// ---- Organisations ---------------------------------------------------------------------------

/** `POST /api/v1/register/organisations`. */
export const createOrganisationBodySchema = z
  .object({
    country: registerCountrySchema,
    name: z.string().trim().min(1).max(200),
    kind: organisationKindSchema,
  })
  .strict();
/** `POST /api/v1/register/organisations/:organisationId/update`: the fields to replace. */
export const updateOrganisationBodySchema = z
  .object({ name: z.string().trim().min(1).max(200).optional(), kind: organisationKindSchema })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "change at least one field");
export const organisationParamsSchema = z.object({ organisationId: recordIdSchema }).strict();
/** `GET /api/v1/register/organisations` filters. */
export const organisationsQuerySchema = z
  .object({ country: registerCountrySchema.optional(), kind: organisationKindSchema.optional() })
  .strict();

// ---- Posts -----------------------------------------------------------------------------------

/** `POST /api/v1/register/posts`; `postId` is chosen by the client, so the entry is signed first. */
export const createPostFieldsSchema = postDetailsSchema
  .extend({
    postId: uuidSchema,
    organisationId: uuidSchema,
    /** The organisation's country, repeated because the log entry records it. */
    country: registerCountrySchema,
  })
  .strict();
/** The fields of a new post and the signature of its `post-created` entry. */
export const createPostBodySchema = createPostFieldsSchema.extend(logSignedShape).strict();

/** `POST /api/v1/register/posts/:postId/update`: the fields given replace the post's. */
export const updatePostFieldsSchema = postDetailsSchema
  .partial()
  .strict()
  .refine((fields) => Object.keys(fields).length > 0, "change at least one field");
/** The details to replace and the signature of the `post-changed` entry. */
export const updatePostBodySchema = postDetailsSchema
  .partial()
  .extend(logSignedShape)
  .strict()
  .refine((body) => Object.keys(body).length > 1, "change at least one field");

export const postParamsSchema = z.object({ postId: recordIdSchema }).strict();

const flagSchema = z.enum(["true", "false"]).transform((value) => value === "true");

/** Directory filters, combined with AND. */
export const postsQuerySchema = z
  .object({
    country: registerCountrySchema.optional(),
    organisationId: uuidSchema.optional(),
    thematicArea: thematicAreaSchema.optional(),
    language: languageCodeSchema.optional(),
    /** Not confirmed within `STALE_AFTER_DAYS`. */
    stale: flagSchema.optional(),
    /** Without a current holder or interim holder. */
    vacant: flagSchema.optional(),
  })
  .strict();
export type PostsQuery = z.input<typeof postsQuerySchema>;

/** `GET .../holders?on=`: a calendar day (UTC) or an instant; default now. */
export const holdersQuerySchema = z
  .object({ on: z.union([z.iso.date(), timestampSchema]).optional() })
  .strict();

// ---- Assignments -----------------------------------------------------------------------------

const reasonSchema = z.string().trim().min(1).max(500);

/** `POST /api/v1/register/posts/:postId/assignments`; `assignmentId` is chosen by the client. */
export const startAssignmentFieldsSchema = z
  .object({
    assignmentId: uuidSchema,
    personId: uuidSchema,
    role: assignmentRoleSchema,
    startsAt: timestampSchema,
    /** Why: appointment, rotation, leave cover... Kept in the register, not in the log. */
    reason: reasonSchema,
  })
  .strict();
/** An assignment and the signature of its `assignment-started` entry. */
export const startAssignmentBodySchema = startAssignmentFieldsSchema
  .extend(logSignedShape)
  .strict();

/** Ends an assignment; `postId` and `personId` repeat what the signed entry records. */
export const endAssignmentFieldsSchema = z
  .object({
    postId: uuidSchema,
    personId: uuidSchema,
    endsAt: timestampSchema,
    reason: reasonSchema,
  })
  .strict();
/** The end and the signature of the `assignment-ended` entry. */
export const endAssignmentBodySchema = endAssignmentFieldsSchema.extend(logSignedShape).strict();
export const assignmentParamsSchema = z.object({ assignmentId: recordIdSchema }).strict();

// ---- Handovers -------------------------------------------------------------------------------

/** `POST /api/v1/register/posts/:postId/handovers`; `handoverId` is chosen by the client. */
export const startHandoverFieldsSchema = z
  .object({
    handoverId: uuidSchema,
    /** The current holder's assignment, or null when the post is vacant. */
    predecessorAssignmentId: uuidSchema.nullable(),
    predecessorPersonId: uuidSchema.nullable(),
    successorPersonId: uuidSchema,
    reason: reasonSchema,
  })
  .strict();
/** A handover and the signature of its `handover-started` entry. */
export const startHandoverBodySchema = startHandoverFieldsSchema.extend(logSignedShape).strict();

/** The intermediate steps and the cancellation name the handover's post and successor. */
export const handoverStepFieldsSchema = z
  .object({
    postId: uuidSchema,
    successorPersonId: uuidSchema,
    /** Kept in the register, not in the log; the reason of a cancellation. */
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
/** A step (or cancellation) and the signature of its entry. */
export const handoverStepBodySchema = handoverStepFieldsSchema.extend(logSignedShape).strict();

/** Completion ends the predecessor's assignment and starts `assignmentId` for the successor. */
export const completeHandoverFieldsSchema = startHandoverFieldsSchema
  .omit({ handoverId: true, reason: true })
  .extend({ postId: uuidSchema, assignmentId: uuidSchema })
  .strict();
/** The completion and the signature of the `handover-completed` entry. */
export const completeHandoverBodySchema = completeHandoverFieldsSchema
  .extend(logSignedShape)
  .strict();
export const handoverParamsSchema = z.object({ handoverId: recordIdSchema }).strict();

// ---- Persons, reminders, import --------------------------------------------------------------

/** `GET /api/v1/register/persons?name=`: a part of a display name or username. */
export const personSearchQuerySchema = z
  .object({ name: z.string().trim().min(1).max(120).optional() })
  .strict();

/** `GET /api/v1/reminders`: open reminders only unless `includeResolved=true`. */
export const remindersQuerySchema = z.object({ includeResolved: flagSchema.optional() }).strict();

/** A roster in CSV (header row first); see docs/register.md for the columns. */
export const rosterImportPlanBodySchema = z
  .object({
    /** Chosen by the client; the ids of imported records derive from it. */
    importId: uuidSchema,
    csv: z.string().min(1).max(1_000_000),
    /** The `at` of every entry of the import. */
    at: timestampSchema,
  })
  .strict();
/** The same roster again with the signature of each entry the plan returned, in order. */
export const rosterImportBodySchema = rosterImportPlanBodySchema
  .extend({ logSignatures: z.array(signatureSchema).max(10_000) })
  .strict();
