import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { channelKinds, historyPolicies } from "../../../shared/log/channelEntries";
import { devices, persons } from "./identity";
import { posts } from "./register";

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Raw bytes (`bytea`) as a `Uint8Array`. */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

/**
 * Channels among posts (DESIGN.md §7). Name and purpose are metadata the hub shows members;
 * content never reaches the hub in the clear. `lastSeq` is the per-channel sequence a send
 * increments in its transaction; `currentEpoch` the latest epoch a device started.
 */
export const channels = pgTable("channels", {
  id: uuid("id").primaryKey(),
  kind: text("kind", { enum: channelKinds }).notNull(),
  name: text("name").notNull(),
  purpose: text("purpose").notNull(),
  ownerPostId: uuid("owner_post_id")
    .notNull()
    .references(() => posts.id),
  historyPolicy: text("history_policy", { enum: historyPolicies }).notNull(),
  includeDeputies: boolean("include_deputies").notNull(),
  currentEpoch: integer("current_epoch").notNull().default(0),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
  createdByPerson: uuid("created_by_person")
    .notNull()
    .references(() => persons.id),
  createdByDevice: uuid("created_by_device")
    .notNull()
    .references(() => devices.id),
  createdAt: at("created_at").notNull(),
});

/** The posts of a channel now; its past memberships are in the transparency log. */
export const channelMembers = pgTable(
  "channel_members",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id),
    addedAt: at("added_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.channelId, table.postId] }),
    index("channel_members_post_idx").on(table.postId),
  ],
);

/**
 * Signed epoch statements, as the starting device sent them (canonical JSON text), with the
 * recipient devices listed apart so the hub can tell when membership has moved on.
 */
export const channelEpochs = pgTable(
  "channel_epochs",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    epoch: integer("epoch").notNull(),
    senderDeviceId: uuid("sender_device_id")
      .notNull()
      .references(() => devices.id),
    statement: text("statement").notNull(),
    signature: text("signature").notNull(),
    recipientDeviceIds: uuid("recipient_device_ids").array().notNull(),
    createdAt: at("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.channelId, table.epoch] })],
);

/**
 * Message envelopes (ciphertext and signed header, as JSON text), numbered per channel. A
 * client message id is stored once per sender device: a retried send finds its first copy.
 */
export const messages = pgTable(
  "messages",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    seq: bigint("seq", { mode: "number" }).notNull(),
    senderDeviceId: uuid("sender_device_id")
      .notNull()
      .references(() => devices.id),
    clientMessageId: uuid("client_message_id").notNull(),
    epoch: integer("epoch").notNull(),
    envelope: text("envelope").notNull(),
    storedAt: at("stored_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.channelId, table.seq] }),
    uniqueIndex("messages_client_id_idx").on(table.senderDeviceId, table.clientMessageId),
  ],
);

/** How far each device has acknowledged each channel. */
export const channelCursors = pgTable(
  "channel_cursors",
  {
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    seq: bigint("seq", { mode: "number" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.deviceId, table.channelId] })],
);

/** Encrypted attachments (crypto_secretstream output), opaque to the hub. */
export const attachments = pgTable("attachments", {
  id: uuid("id").primaryKey(),
  channelId: uuid("channel_id")
    .notNull()
    .references(() => channels.id),
  uploaderDeviceId: uuid("uploader_device_id")
    .notNull()
    .references(() => devices.id),
  size: bigint("size", { mode: "number" }).notNull(),
  createdAt: at("created_at").notNull(),
});

/** An attachment's bytes, in order, in pieces of at most 256 KiB. */
export const attachmentParts = pgTable(
  "attachment_parts",
  {
    attachmentId: uuid("attachment_id")
      .notNull()
      .references(() => attachments.id),
    part: integer("part").notNull(),
    data: bytes("data").notNull(),
  },
  (table) => [primaryKey({ columns: [table.attachmentId, table.part] })],
);
