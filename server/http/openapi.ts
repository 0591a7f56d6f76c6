import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { errorBodySchema } from "#shared/errors";
import { type AnyRoute, openApiPath } from "./route";

/** Builds the OpenAPI 3.1 document of every registered route from its zod schemas. */
export function generateOpenApiDocument(
  routes: readonly AnyRoute[],
  version: string,
): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "relais_session",
  });
  registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  for (const route of routes) {
    const jsonError = { "application/json": { schema: errorBodySchema } };
    registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      summary: route.summary,
      tags: [...route.tags],
      security: route.authenticated ? [{ session: [] }, { bearer: [] }] : [],
      request: {
        ...(route.request?.params ? { params: route.request.params } : {}),
        ...(route.request?.query ? { query: route.request.query } : {}),
        ...(route.request?.body
          ? { body: { content: { "application/json": { schema: route.request.body } } } }
          : {}),
      },
      responses: {
        [route.response.status]:
          route.response.status === 204
            ? { description: route.summary }
            : {
                description: route.summary,
                content: {
                  [route.response.contentType ?? "application/json"]: {
                    schema: route.response.schema,
                  },
                },
              },
        400: { description: "Invalid input", content: jsonError },
        ...(route.authenticated
          ? {
              401: { description: "Not authenticated", content: jsonError },
              403: { description: "Not allowed", content: jsonError },
            }
          : {}),
        429: { description: "Rate limited", content: jsonError },
        500: { description: "Internal error", content: jsonError },
      },
    });
  }
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Relais hub API",
      version,
      description:
        "The REST API of a Relais hub. Content is end-to-end encrypted: the hub only ever sees metadata.",
    },
  });
  // Served as plain JSON: the route's response schema is a string-keyed record.
  return { ...document };
}
