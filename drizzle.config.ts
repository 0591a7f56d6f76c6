import { defineConfig } from "drizzle-kit";

/** `npm run db:generate` writes SQL migrations from the schema; they are committed. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./server/store/schema/*.ts",
  out: "./server/store/migrations",
});
