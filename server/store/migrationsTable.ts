import { bigint, pgSchema, serial, text } from "drizzle-orm/pg-core";

/**
 * Drizzle's own record of applied migrations. Declared here, outside `schema.ts`, so that
 * drizzle-kit does not try to create it; it exists once the migrator has run.
 */
export const appliedMigrations = pgSchema("drizzle").table("__drizzle_migrations", {
  id: serial("id").primaryKey(),
  hash: text("hash").notNull(),
  createdAt: bigint("created_at", { mode: "number" }),
});
