import { z } from "zod";

/** `GET /healthz`: the process is alive. */
export const healthResponseSchema = z.object({ status: z.literal("ok") }).meta({ id: "Health" });

/** `GET /readyz`: the database answers and every migration is applied. */
export const readinessResponseSchema = z
  .object({
    status: z.enum(["ready", "not_ready"]),
    checks: z.object({
      database: z.boolean(),
      migrations: z.boolean(),
    }),
  })
  .meta({ id: "Readiness" });

/** `GET /api/v1/hub`: public facts about this hub instance. */
export const hubInfoResponseSchema = z
  .object({
    name: z.literal("relais"),
    version: z.string(),
    /** Random id created on the hub's first start and kept in its database. */
    instanceId: z.string(),
    /** When this database was first initialised (ISO 8601). */
    createdAt: z.string(),
  })
  .meta({ id: "HubInfo" });

export type HubInfo = z.infer<typeof hubInfoResponseSchema>;
