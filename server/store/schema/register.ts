import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  assignmentRoles,
  type ContactChannel,
  handoverSteps as handoverStepNames,
  organisationKinds,
  reminderKinds,
  type ThematicArea,
} from "../../../shared/api/registerVocabulary";
import { devices, persons } from "./identity";

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Organisations of the network, one country each; a name is unique within its country. */
export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey(),
    country: text("country").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: organisationKinds }).notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => persons.id),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [uniqueIndex("organisations_country_name_idx").on(table.country, table.name)],
);

/**
 * Posts: an organisation's function in the network, which outlives everyone who holds it. The
 * country repeats the organisation's, for filtering and authorization. Contact channels are the
 * office's (typed, see `ContactChannel`), never a person's own.
 */
export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    country: text("country").notNull(),
    title: text("title").notNull(),
    thematicAreas: text("thematic_areas").array().$type<ThematicArea[]>().notNull(),
    workingLanguages: text("working_languages").array().notNull(),
    contactChannels: jsonb("contact_channels").$type<ContactChannel[]>().notNull(),
    timeZone: text("time_zone").notNull(),
    deputyPostId: uuid("deputy_post_id").references((): AnyPgColumn => posts.id),
    /** The last confirmation of the details by a holder or an authority. */
    confirmedAt: at("confirmed_at"),
    confirmedBy: uuid("confirmed_by").references(() => persons.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => persons.id),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("posts_country_idx").on(table.country),
    uniqueIndex("posts_organisation_title_idx").on(table.organisationId, table.title),
  ],
);

/**
 * Who holds which post, when: [starts_at, ends_at), ends_at null while open. Rows are never
 * deleted; ending an assignment records when, why and by whom.
 */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    role: text("role", { enum: assignmentRoles }).notNull(),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at"),
    reason: text("reason").notNull(),
    endReason: text("end_reason"),
    /** The authority who decided: a person, on one of their devices. */
    decidedByPerson: uuid("decided_by_person")
      .notNull()
      .references(() => persons.id),
    decidedByDevice: uuid("decided_by_device")
      .notNull()
      .references(() => devices.id),
    endedByPerson: uuid("ended_by_person").references(() => persons.id),
    endedByDevice: uuid("ended_by_device").references(() => devices.id),
    handoverId: uuid("handover_id"),
    createdAt: at("created_at").notNull(),
  },
  (table) => [
    index("assignments_post_idx").on(table.postId, table.startsAt),
    index("assignments_person_idx").on(table.personId),
  ],
);

/** A post moving from one person to the next; at most one open handover per post. */
export const handovers = pgTable(
  "handovers",
  {
    id: uuid("id").primaryKey(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id),
    status: text("status", { enum: handoverStepNames }).notNull(),
    predecessorAssignmentId: uuid("predecessor_assignment_id").references(() => assignments.id),
    predecessorPersonId: uuid("predecessor_person_id").references(() => persons.id),
    successorPersonId: uuid("successor_person_id")
      .notNull()
      .references(() => persons.id),
    successorAssignmentId: uuid("successor_assignment_id").references(() => assignments.id),
    reason: text("reason").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    uniqueIndex("handovers_one_open_per_post_idx")
      .on(table.postId)
      .where(sql`${table.status} in ('started', 'successor_enrolled', 'keys_handed_over')`),
  ],
);

/** Each step of a handover, with who recorded it on which device, and when. */
export const handoverSteps = pgTable(
  "handover_steps",
  {
    id: uuid("id").primaryKey(),
    handoverId: uuid("handover_id")
      .notNull()
      .references(() => handovers.id),
    step: text("step", { enum: handoverStepNames }).notNull(),
    actorPerson: uuid("actor_person")
      .notNull()
      .references(() => persons.id),
    actorDevice: uuid("actor_device")
      .notNull()
      .references(() => devices.id),
    /** The hub's clock when it recorded the step. */
    recordedAt: at("recorded_at").notNull(),
    /** The acting device's signed time. */
    claimedAt: at("claimed_at").notNull(),
    note: text("note"),
  },
  (table) => [uniqueIndex("handover_steps_step_idx").on(table.handoverId, table.step)],
);

/**
 * Reminders for a holder or a coordinator about a stale or vacant post. `since` is what the
 * reminder is about (last confirmation, or start of the vacancy), so a job run twice records a
 * reminder once; it is resolved when the post is confirmed or filled.
 */
export const reminders = pgTable(
  "reminders",
  {
    id: uuid("id").primaryKey(),
    recipientPersonId: uuid("recipient_person_id")
      .notNull()
      .references(() => persons.id),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id),
    kind: text("kind", { enum: reminderKinds }).notNull(),
    since: at("since").notNull(),
    createdAt: at("created_at").notNull(),
    resolvedAt: at("resolved_at"),
  },
  (table) => [
    uniqueIndex("reminders_once_idx").on(
      table.recipientPersonId,
      table.postId,
      table.kind,
      table.since,
    ),
  ],
);
