import { z } from "zod";
import { registerEntrySchemas } from "../log/registerEntries";
import { countryCodeSchema, timestampSchema, uuidSchema } from "./common";
import { personViewSchema } from "./identity";
import {
  assignmentRoleSchema,
  contactChannelSchema,
  handoverStepSchema,
  organisationKindSchema,
  reminderKindSchema,
  thematicAreaSchema,
} from "./registerVocabulary";

/** What the register answers: directory entries, histories, handovers, reminders, exports. */

export const organisationViewSchema = z
  .object({
    id: uuidSchema,
    country: countryCodeSchema,
    name: z.string(),
    kind: organisationKindSchema,
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "Organisation" });
export type OrganisationView = z.infer<typeof organisationViewSchema>;

/** Someone currently assigned to a post, as everyone signed in sees them: a name, no more. */
export const currentAssigneeSchema = z.object({
  /** The running assignment (what a handover names as the predecessor's). */
  assignmentId: uuidSchema,
  personId: uuidSchema,
  displayName: z.string(),
  role: assignmentRoleSchema,
});

/** A directory entry: the post, its office channels and who holds it now. */
export const postViewSchema = z
  .object({
    id: uuidSchema,
    country: countryCodeSchema,
    organisation: organisationViewSchema.pick({ id: true, name: true, kind: true }),
    title: z.string(),
    thematicAreas: z.array(thematicAreaSchema),
    workingLanguages: z.array(z.string()),
    contactChannels: z.array(contactChannelSchema),
    timeZone: z.string(),
    deputyPostId: uuidSchema.nullable(),
    /** When a holder, coordinator or administrator last confirmed these details. */
    confirmedAt: timestampSchema.nullable(),
    /** Not confirmed within the hub's `STALE_AFTER_DAYS`. */
    stale: z.boolean(),
    /** No current holder and no interim holder. */
    vacant: z.boolean(),
    /** The current holder, or failing one the interim holder. */
    holder: currentAssigneeSchema.nullable(),
    deputies: z.array(currentAssigneeSchema),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "Post" });
export type PostView = z.infer<typeof postViewSchema>;

/** Who acted, with which device. */
export const actingAuthoritySchema = z.object({
  personId: uuidSchema,
  displayName: z.string(),
  deviceId: uuidSchema,
});

/** One assignment in a post's history. */
export const assignmentViewSchema = z
  .object({
    id: uuidSchema,
    postId: uuidSchema,
    person: z.object({ id: uuidSchema, displayName: z.string() }),
    role: assignmentRoleSchema,
    startsAt: timestampSchema,
    endsAt: timestampSchema.nullable(),
    reason: z.string(),
    endReason: z.string().nullable(),
    decidedBy: actingAuthoritySchema,
    endedBy: actingAuthoritySchema.nullable(),
    /** The handover that started this assignment, if any. */
    handoverId: uuidSchema.nullable(),
  })
  .meta({ id: "Assignment" });
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

export const handoverStepViewSchema = z.object({
  step: handoverStepSchema,
  by: actingAuthoritySchema,
  /** The hub's time of recording. */
  recordedAt: timestampSchema,
  /** The time the acting device signed. */
  at: timestampSchema,
  note: z.string().nullable(),
});

export const handoverViewSchema = z
  .object({
    id: uuidSchema,
    postId: uuidSchema,
    status: handoverStepSchema,
    predecessorAssignmentId: uuidSchema.nullable(),
    predecessorPersonId: uuidSchema.nullable(),
    successorPersonId: uuidSchema,
    successorAssignmentId: uuidSchema.nullable(),
    reason: z.string(),
    steps: z.array(handoverStepViewSchema),
  })
  .meta({ id: "Handover" });
export type HandoverView = z.infer<typeof handoverViewSchema>;

export const organisationResponseSchema = z.object({ organisation: organisationViewSchema });
export const organisationListResponseSchema = z.object({
  organisations: z.array(organisationViewSchema),
});
export const postResponseSchema = z.object({ post: postViewSchema });
export const postListResponseSchema = z.object({ posts: z.array(postViewSchema) });
export const assignmentResponseSchema = z.object({ assignment: assignmentViewSchema });
export const handoverResponseSchema = z.object({ handover: handoverViewSchema });

/** A post's whole history: every assignment and handover, oldest first. */
export const postHistoryResponseSchema = z
  .object({
    post: postViewSchema,
    assignments: z.array(assignmentViewSchema),
    handovers: z.array(handoverViewSchema),
  })
  .meta({ id: "PostHistory" });

/** Who held (or was deputy or interim on) a post during a day or at an instant. */
export const holdersResponseSchema = z.object({
  postId: uuidSchema,
  on: z.string(),
  assignments: z.array(assignmentViewSchema),
});

export const countryViewSchema = z.object({
  code: countryCodeSchema,
  name: z.string(),
  organisations: z.number().int(),
  posts: z.number().int(),
});
export const countryListResponseSchema = z.object({ countries: z.array(countryViewSchema) });

export const personSearchResponseSchema = z.object({ persons: z.array(personViewSchema) });

export const reminderViewSchema = z
  .object({
    id: uuidSchema,
    kind: reminderKindSchema,
    postId: uuidSchema,
    postTitle: z.string(),
    country: countryCodeSchema,
    /** Stale: the last confirmation (or creation); vacant: when the post fell vacant. */
    since: timestampSchema,
    createdAt: timestampSchema,
    resolvedAt: timestampSchema.nullable(),
  })
  .meta({ id: "Reminder" });
export type ReminderView = z.infer<typeof reminderViewSchema>;
export const reminderListResponseSchema = z.object({ reminders: z.array(reminderViewSchema) });

/** The JSON export: the directory as of `generatedAt`. */
export const rosterExportSchema = z
  .object({ v: z.literal(1), generatedAt: timestampSchema, posts: z.array(postViewSchema) })
  .meta({ id: "RosterExport" });

/** The entries an import will append, for the importing device to sign one by one. */
export const rosterImportPlanResponseSchema = z.object({
  entries: z.array(z.discriminatedUnion("type", [...registerEntrySchemas])),
});
export const rosterImportResponseSchema = z.object({
  organisations: z.number().int(),
  posts: z.number().int(),
  assignments: z.number().int(),
});
