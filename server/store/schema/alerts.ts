import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import type { AlertRecipients } from "../../../shared/alerts/metadata";
import {
  followUpKinds,
  handlingCodes,
  permissionPurposes,
  tlpLevels,
} from "../../../shared/alerts/vocabulary";
import { channels } from "./channels";
import { devices, persons } from "./identity";
import { posts } from "./register";

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Alerts' hub-visible metadata (DESIGN.md §8): never their content, which travels encrypted in
 * the alert's channel. An expired alert keeps this row (with `expiredAt`) once its channel's
 * messages and attachments have been purged.
 */
export const alerts = pgTable("alerts", {
  id: uuid("id").primaryKey(),
  version: integer("version").notNull(),
  issuerPostId: uuid("issuer_post_id")
    .notNull()
    .references(() => posts.id),
  channelId: uuid("channel_id")
    .notNull()
    .references(() => channels.id),
  /** The addressing as the issuer gave it (named posts, countries and areas, a list). */
  addressing: jsonb("addressing").$type<AlertRecipients>().notNull(),
  tlp: text("tlp", { enum: tlpLevels }).notNull(),
  handling: text("handling", { enum: handlingCodes }).notNull(),
  urgent: boolean("urgent").notNull(),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
  expiresAt: at("expires_at").notNull(),
  withdrawnAt: at("withdrawn_at"),
  expiredAt: at("expired_at"),
  createdByPerson: uuid("created_by_person")
    .notNull()
    .references(() => persons.id),
});

/**
 * The posts an alert was delivered to, with each post's latest acknowledgement and the latest
 * version it was reminded of.
 */
export const alertRecipients = pgTable(
  "alert_recipients",
  {
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id),
    acknowledgedVersion: integer("acknowledged_version"),
    acknowledgedAt: at("acknowledged_at"),
    acknowledgedByDevice: uuid("acknowledged_by_device").references(() => devices.id),
    remindedVersion: integer("reminded_version"),
    remindedAt: at("reminded_at"),
  },
  (table) => [
    primaryKey({ columns: [table.alertId, table.postId] }),
    index("alert_recipients_post_idx").on(table.postId),
  ],
);

/** Follow-ups' metadata (their text is in the alert's channel); deleted when the alert expires. */
export const alertFollowUps = pgTable(
  "alert_follow_ups",
  {
    id: uuid("id").primaryKey(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id),
    alertVersion: integer("alert_version").notNull(),
    authorPostId: uuid("author_post_id")
      .notNull()
      .references(() => posts.id),
    kind: text("kind", { enum: followUpKinds }).notNull(),
    inReplyTo: uuid("in_reply_to"),
    createdAt: at("created_at").notNull(),
  },
  (table) => [index("alert_follow_ups_alert_idx").on(table.alertId)],
);

/** Permission requests (forwarding, judicial use) to an alert's originator. */
export const alertPermissionRequests = pgTable(
  "alert_permission_requests",
  {
    id: uuid("id").primaryKey(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id),
    alertVersion: integer("alert_version").notNull(),
    purpose: text("purpose", { enum: permissionPurposes }).notNull(),
    requestingPostId: uuid("requesting_post_id")
      .notNull()
      .references(() => posts.id),
    targetPostIds: uuid("target_post_ids").array(),
    justification: text("justification").notNull(),
    requestedAt: at("requested_at").notNull(),
  },
  (table) => [index("alert_permission_requests_alert_idx").on(table.alertId)],
);

/** The originator's decisions; the latest on a request wins. */
export const alertPermissionDecisions = pgTable(
  "alert_permission_decisions",
  {
    id: uuid("id").primaryKey(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => alertPermissionRequests.id),
    decidedByPostId: uuid("decided_by_post_id")
      .notNull()
      .references(() => posts.id),
    decision: text("decision", { enum: ["granted", "refused"] }).notNull(),
    conditions: text("conditions"),
    validUntil: at("valid_until"),
    decidedAt: at("decided_at").notNull(),
  },
  (table) => [index("alert_permission_decisions_request_idx").on(table.requestId)],
);

/** Forwardings of an alert by a recipient post, each through a channel of its own. */
export const alertForwards = pgTable(
  "alert_forwards",
  {
    channelId: uuid("channel_id")
      .primaryKey()
      .references(() => channels.id),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id),
    version: integer("version").notNull(),
    fromPostId: uuid("from_post_id")
      .notNull()
      .references(() => posts.id),
    toPostIds: uuid("to_post_ids").array().notNull(),
    forwardedAt: at("forwarded_at").notNull(),
  },
  (table) => [index("alert_forwards_alert_idx").on(table.alertId)],
);

/** Named distribution lists of posts, owned by a post; alerts may be addressed to them. */
export const alertDistributionLists = pgTable("alert_distribution_lists", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  ownerPostId: uuid("owner_post_id")
    .notNull()
    .references(() => posts.id),
  postIds: uuid("post_ids").array().notNull(),
  createdAt: at("created_at").notNull(),
});
