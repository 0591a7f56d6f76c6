import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiPath } from "../../server/http/route";
import { routes } from "../../server/http/routes/index";
import { startTestHub, type TestHub } from "../support/hub";

let testHub: TestHub;
beforeAll(async () => {
  testHub = await startTestHub();
});
afterAll(async () => {
  await testHub?.destroy();
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and lists every registered route with its method", async () => {
    const response = await fetch(`${testHub.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    for (const route of routes) {
      const operation = document.paths?.[openApiPath(route.path)]?.[route.method];
      expect(operation, `${route.method.toUpperCase()} ${route.path}`).toBeDefined();
      expect(operation.responses[String(route.response.status)]).toBeDefined();
    }
    const listed = Object.values(document.paths as Record<string, object>).flatMap((item) =>
      Object.keys(item),
    );
    expect(listed).toHaveLength(routes.length);
  });

  it("describes the shared error body", async () => {
    const document = await (await fetch(`${testHub.url}/api/openapi.json`)).json();
    expect(document.components.schemas.Error.properties.code.enum).toContain("validation_failed");
  });
});
