import { z } from "zod";
import {
  healthResponseSchema,
  hubInfoResponseSchema,
  readinessResponseSchema,
} from "#shared/api/system";
import { AppError } from "../../errors";
import { canReadSystemStatus } from "../../policies/system";
import { type AnyRoute, defineRoute } from "../route";

const health = defineRoute({
  method: "get",
  path: "/healthz",
  rateLimited: false,
  summary: "Liveness: the hub process is running",
  tags: ["system"],
  response: { status: 200, schema: healthResponseSchema },
  authenticated: false,
  policy: canReadSystemStatus,
  handler: async () => ({ status: "ok" as const }),
});

const readiness = defineRoute({
  method: "get",
  path: "/readyz",
  rateLimited: false,
  summary: "Readiness: the database answers and migrations are applied",
  tags: ["system"],
  response: { status: 200, schema: readinessResponseSchema },
  authenticated: false,
  policy: canReadSystemStatus,
  handler: async ({ hub, res }) => {
    const database = await hub.database.ping();
    const migrations = database && (await hub.database.migrationsApplied());
    const ready = database && migrations;
    if (!ready) res.status(503);
    return {
      status: ready ? ("ready" as const) : ("not_ready" as const),
      checks: { database, migrations },
    };
  },
});

const metrics = defineRoute({
  method: "get",
  path: "/metrics",
  rateLimited: false,
  summary: "Prometheus metrics of this hub process",
  tags: ["system"],
  response: { status: 200, schema: z.string(), contentType: "text/plain" },
  authenticated: false,
  policy: canReadSystemStatus,
  handler: async ({ hub }) => ({
    raw: await hub.metrics.registry.metrics(),
    contentType: hub.metrics.registry.contentType,
  }),
});

const hubInfo = defineRoute({
  method: "get",
  path: "/api/v1/hub",
  summary: "Public facts about this hub instance",
  tags: ["system"],
  response: { status: 200, schema: hubInfoResponseSchema },
  authenticated: false,
  policy: canReadSystemStatus,
  handler: async ({ hub }) => {
    if (!hub.identity.instanceId) throw new AppError("not_ready", "The hub is starting.");
    return {
      name: "relais" as const,
      version: hub.version,
      instanceId: hub.identity.instanceId,
      createdAt: hub.identity.createdAt,
    };
  },
});

export const systemRoutes: AnyRoute[] = [health, readiness, metrics, hubInfo];
