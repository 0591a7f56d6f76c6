import {
  boolean,
  customType,
  index,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import {
  deadlineNoticeKinds,
  mlaActions,
  mlaSides,
  mlaStatuses,
  refusalGrounds,
} from "../../../shared/mla/lifecycleVocabulary";
import { urgencyLevels } from "../../../shared/mla/vocabulary";
import { channels } from "./channels";
import { devices, persons } from "./identity";
import { posts } from "./register";

const at = (name: string) => timestamp(name, { withTimezone: true });

/** The RFC 9162 leaf hash of a transition's log entry, to find its position in the log. */
const leafHash = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * MLA requests' hub-visible metadata (DESIGN.md §9): the parties, the status, the deadline and
 * the referenced alerts, never the request's content, which travels in its channel.
 */
export const mlaRequests = pgTable(
  "mla_requests",
  {
    id: uuid("id").primaryKey(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    requestingPostId: uuid("requesting_post_id")
      .notNull()
      .references(() => posts.id),
    requestedPostId: uuid("requested_post_id")
      .notNull()
      .references(() => posts.id),
    requestingCountry: text("requesting_country").notNull(),
    requestedCountry: text("requested_country").notNull(),
    status: text("status", { enum: mlaStatuses }).notNull(),
    awaitingInformation: boolean("awaiting_information").notNull(),
    /** `YYYY-MM-DD`: it passes at the end of that day, UTC. */
    deadline: text("deadline"),
    urgency: text("urgency", { enum: urgencyLevels }).notNull(),
    alertIds: uuid("alert_ids").array().notNull(),
    createdByPerson: uuid("created_by_person")
      .notNull()
      .references(() => persons.id),
    sentAt: at("sent_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("mla_requests_requesting_post_idx").on(table.requestingPostId),
    index("mla_requests_requested_post_idx").on(table.requestedPostId),
    index("mla_requests_requested_country_idx").on(table.requestedCountry),
  ],
);

/** Every transition of a request, its sending included: the status history. */
export const mlaTransitions = pgTable(
  "mla_transitions",
  {
    id: serial("id").primaryKey(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => mlaRequests.id),
    action: text("action", { enum: mlaActions }).notNull(),
    side: text("side", { enum: mlaSides }).notNull(),
    fromStatus: text("from_status", { enum: mlaStatuses }).notNull(),
    toStatus: text("to_status", { enum: mlaStatuses }).notNull(),
    grounds: text("grounds", { enum: refusalGrounds }).array(),
    actorPostId: uuid("actor_post_id")
      .notNull()
      .references(() => posts.id),
    actorDeviceId: uuid("actor_device_id")
      .notNull()
      .references(() => devices.id),
    /** The hub's time of the transition. */
    at: at("at").notNull(),
    leafHash: leafHash("leaf_hash").notNull(),
  },
  (table) => [index("mla_transitions_request_idx").on(table.requestId)],
);

/** The deadline notices the hub's job has sent: each kind once per request. */
export const mlaNotices = pgTable(
  "mla_notices",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => mlaRequests.id),
    kind: text("kind", { enum: deadlineNoticeKinds }).notNull(),
    dueAt: at("due_at").notNull(),
    sentAt: at("sent_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.requestId, table.kind] })],
);
