import type { z } from "zod";
import type {
  AssignmentRole,
  countryViewSchema,
  createOrganisationBodySchema,
  holdersResponseSchema,
  OrganisationKind,
  PostDetails,
  PostsQuery,
  postHistoryResponseSchema,
  rosterExportSchema,
  rosterImportResponseSchema,
  updateOrganisationBodySchema,
} from "#shared/api/register";

// The SDK's names for the register contract's types, and the inputs of RegisterClient's methods.

export type {
  AssignmentView,
  ContactChannel,
  HandoverView,
  OrganisationView,
  PostDetails,
  PostView,
  ReminderView,
} from "#shared/api/register";

/** A country of the register with its numbers of organisations and posts. */
export type CountryView = z.infer<typeof countryViewSchema>;
/** A post, its assignments and its handovers. */
export type PostHistory = z.infer<typeof postHistoryResponseSchema>;
/** Who held a post on a day or at an instant. */
export type HoldersOn = z.infer<typeof holdersResponseSchema>;
/** The JSON export of the directory. */
export type RosterExport = z.infer<typeof rosterExportSchema>;
/** What a roster import created. */
export type RosterImportResult = z.infer<typeof rosterImportResponseSchema>;

export type CreateOrganisationInput = z.input<typeof createOrganisationBodySchema>;
export type UpdateOrganisationInput = z.input<typeof updateOrganisationBodySchema>;

/** Options of every signed (logged) register action. */
export interface SignedActionOptions {
  /**
   * The time the device signs as the action's `at` (default: now). The hub refuses it beyond
   * five minutes from its own clock; a handover completes at this time.
   */
  at?: Date;
}

/** Input of `RegisterClient.createPost`. */
export interface CreatePostInput extends Omit<PostDetails, "deputyPostId"> {
  organisationId: string;
  /** The organisation's country (the log entry records it). */
  country: string;
  deputyPostId?: string | null;
  /** Chosen here when omitted. */
  postId?: string;
}

/** Input of `RegisterClient.updatePost`: the details to replace. */
export type UpdatePostInput = Partial<PostDetails>;

/** Input of `RegisterClient.assign`. */
export interface AssignInput {
  personId: string;
  role: AssignmentRole;
  /** Default: the action's `at`. */
  startsAt?: Date | string;
  reason: string;
  /** Chosen here when omitted. */
  assignmentId?: string;
}

/** Input of `RegisterClient.endAssignment`. */
export interface EndAssignmentInput {
  /** Default: the action's `at`. */
  endsAt?: Date | string;
  reason: string;
}

/** Input of `RegisterClient.startHandover`. */
export interface StartHandoverInput {
  successorPersonId: string;
  reason: string;
  /** Chosen here when omitted. */
  handoverId?: string;
}

/** Input of the intermediate handover steps and of a cancellation. */
export interface HandoverStepInput extends SignedActionOptions {
  /** A note kept with the step (the reason, for a cancellation). */
  note?: string;
}

/** Directory filters, combined with AND (the same for the listing and the exports). */
export type DirectoryFilter = Omit<PostsQuery, "stale" | "vacant"> & {
  /** Only posts not confirmed within the hub's `STALE_AFTER_DAYS` (or only fresh ones). */
  stale?: boolean;
  /** Only posts without a holder or interim holder (or only held ones). */
  vacant?: boolean;
};

/** A filter of organisations. */
export interface OrganisationFilter {
  country?: string;
  kind?: OrganisationKind;
}
