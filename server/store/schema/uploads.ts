import {
  bigint,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { devices } from "./identity";

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Raw bytes (`bytea`) as a `Uint8Array`. */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

/**
 * Attachments being uploaded in parts (docs/protocol.md §10.6). An upload belongs to the device
 * that started it; completing it moves its parts into `attachments` / `attachment_parts` in one
 * transaction and deletes it. An upload left alone past `expiresAt` is deleted by the upload
 * expiry job, parts and all.
 */
export const attachmentUploads = pgTable(
  "attachment_uploads",
  {
    id: uuid("id").primaryKey(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id),
    /** The announced encrypted size, which the parts must add up to exactly. */
    size: bigint("size", { mode: "number" }).notNull(),
    /** Bytes of every part but the last (which holds the rest). */
    partBytes: integer("part_bytes").notNull(),
    createdAt: at("created_at").notNull(),
    /** Moved forward by every part received: an upload expires once left idle. */
    expiresAt: at("expires_at").notNull(),
  },
  (table) => [index("attachment_uploads_expires_idx").on(table.expiresAt)],
);

/** The parts received so far; sending a part again replaces it. */
export const attachmentUploadParts = pgTable(
  "attachment_upload_parts",
  {
    uploadId: uuid("upload_id")
      .notNull()
      .references(() => attachmentUploads.id, { onDelete: "cascade" }),
    part: integer("part").notNull(),
    data: bytes("data").notNull(),
  },
  (table) => [primaryKey({ columns: [table.uploadId, table.part] })],
);
