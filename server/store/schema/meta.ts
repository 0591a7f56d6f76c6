import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Facts about this hub instance, kept across restarts (its id, when it was first initialised).
 * Keys are fixed by the code; values are never secrets.
 */
export const hubMeta = pgTable("hub_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
