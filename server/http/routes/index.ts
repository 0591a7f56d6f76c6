import { z } from "zod";
import { canReadSystemStatus } from "../../policies/system";
import { generateOpenApiDocument } from "../openapi";
import { type AnyRoute, defineRoute } from "../route";
import { alertRoutes } from "./alerts";
import { authRoutes } from "./auth";
import { channelRoutes } from "./channels";
import { deviceRoutes } from "./devices";
import { enrolmentRoutes } from "./enrolment";
import { logRoutes } from "./log";
import { mlaRoutes } from "./mla";
import { personRoutes } from "./persons";
import { registerRoutes } from "./register";
import { systemRoutes } from "./system";

let cachedDocument: ReturnType<typeof generateOpenApiDocument> | undefined;

const openApi = defineRoute({
  method: "get",
  path: "/api/openapi.json",
  summary: "This API described as OpenAPI 3.1",
  tags: ["system"],
  response: { status: 200, schema: z.record(z.string(), z.unknown()) },
  authenticated: false,
  policy: canReadSystemStatus,
  handler: async ({ hub }) => {
    cachedDocument ??= generateOpenApiDocument(routes, hub.version);
    return cachedDocument;
  },
});

/** Every REST route of the hub. The router, OpenAPI and the authorization matrix read this list. */
export const routes: readonly AnyRoute[] = [
  ...systemRoutes,
  ...enrolmentRoutes,
  ...authRoutes,
  ...personRoutes,
  ...deviceRoutes,
  ...registerRoutes,
  ...logRoutes,
  ...channelRoutes,
  ...alertRoutes,
  ...mlaRoutes,
  openApi,
];
