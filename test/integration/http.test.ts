import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createHttpApp } from "../../server/http/app";
import { defineRoute } from "../../server/http/route";
import { routes } from "../../server/http/routes/index";
import { allow } from "../../server/policies/actor";
import { startTestHub, type TestHub } from "../support/hub";

let testHub: TestHub;

beforeAll(async () => {
  testHub = await startTestHub({ env: { BODY_LIMIT_BYTES: "2048" } });
});
afterAll(async () => {
  await testHub?.destroy();
});

const post = (path: string, body: string, contentType = "application/json") =>
  fetch(`${testHub.url}${path}`, {
    method: "POST",
    headers: { "content-type": contentType },
    body,
  });

describe("HTTP transport", () => {
  it("answers liveness", async () => {
    const response = await fetch(`${testHub.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("is ready when the database answers and migrations are applied", async () => {
    const response = await fetch(`${testHub.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ready",
      checks: { database: true, migrations: true },
    });
  });

  it("sends strict security headers", async () => {
    const response = await fetch(`${testHub.url}/healthz`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-powered-by")).toBeNull();
    // Plain HTTP: HSTS would be meaningless and is not sent.
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends HSTS when a trusted proxy says the request came over TLS", async () => {
    const proxied = await startTestHub({ env: { TRUST_PROXY: "true" } });
    try {
      const response = await fetch(`${proxied.url}/healthz`, {
        headers: { "x-forwarded-proto": "https" },
      });
      expect(response.headers.get("strict-transport-security")).toContain("max-age=31536000");
    } finally {
      await proxied.destroy();
    }
  });

  it("answers an unknown route with a JSON 404", async () => {
    const response = await fetch(`${testHub.url}/api/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: "not_found", message: "No such route." });
  });

  it("rejects malformed JSON with malformed_json", async () => {
    const response = await post("/api/v1/hub", '{"unterminated":');
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("malformed_json");
  });

  it("rejects an oversized body with 413 payload_too_large", async () => {
    const response = await post("/api/v1/hub", JSON.stringify({ filler: "x".repeat(4096) }));
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe("payload_too_large");
  });

  it("exposes Prometheus metrics with the HTTP histogram and the socket gauge", async () => {
    await fetch(`${testHub.url}/healthz`);
    const response = await fetch(`${testHub.url}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain(
      'relais_http_request_duration_seconds_bucket{le="0.001",method="GET",route="/healthz",status="200"}',
    );
    expect(text).toContain("relais_connected_sockets 0");
    expect(text).toContain("relais_process_cpu_user_seconds_total");
  });

  it("logs each request with its id but without query strings", async () => {
    await fetch(`${testHub.url}/api/v1/hub?token=do-not-log-me`, {
      headers: { "x-request-id": "trace-12345678" },
    });
    const line = testHub.logs.find((entry) => entry.includes("trace-12345678"));
    expect(line).toBeDefined();
    expect(testHub.logs.join("\n")).not.toContain("do-not-log-me");
    // Successful health probes are not logged at all.
    await fetch(`${testHub.url}/healthz`, { headers: { "x-request-id": "probe-12345678" } });
    expect(testHub.logs.join("\n")).not.toContain("probe-12345678");
  });
});

describe("error handler", () => {
  it("turns an unexpected error into a 500 that reveals nothing internal", async () => {
    const failing = defineRoute({
      method: "get",
      path: "/boom",
      summary: "fails",
      tags: [],
      response: { status: 200, schema: z.object({}) },
      authenticated: false,
      policy: () => allow,
      handler: async () => {
        throw new Error("secret internal detail: password=hunter2");
      },
    });
    const app = createHttpApp({ hub: testHub.hub.context, routes: [...routes, failing] });
    const server = createServer(app).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/boom`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        code: "internal",
        message: "The hub could not complete the request.",
      });
      expect(text).not.toContain("hunter2");
      expect(testHub.logs.join("\n")).not.toContain("hunter2");
      expect(testHub.logs.some((entry) => entry.includes('"internal error"'))).toBe(true);
    } finally {
      server.close();
    }
  });

  it("rejects a body of the wrong type with 415 and an invalid one with field paths", async () => {
    const echo = defineRoute({
      method: "post",
      path: "/echo",
      summary: "echo",
      tags: [],
      request: { body: z.object({ name: z.string().min(2) }).strict() },
      response: { status: 200, schema: z.object({ name: z.string() }) },
      authenticated: false,
      policy: () => allow,
      handler: async ({ input }) => input.body,
    });
    const app = createHttpApp({ hub: testHub.hub.context, routes: [echo] });
    const server = createServer(app).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const wrongType = await fetch(`${base}/echo`, {
        method: "POST",
        body: "name=x",
        headers: { "content-type": "text/plain" },
      });
      expect(wrongType.status).toBe(415);
      expect((await wrongType.json()).code).toBe("unsupported_media_type");
      const invalid = await fetch(`${base}/echo`, {
        method: "POST",
        body: JSON.stringify({ name: "x", extra: true }),
        headers: { "content-type": "application/json" },
      });
      expect(invalid.status).toBe(400);
      const body = await invalid.json();
      expect(body.code).toBe("validation_failed");
      expect(body.issues.map((issue: { path: string }) => issue.path)).toEqual(
        expect.arrayContaining(["body.name", "body.(root)"]),
      );
      const valid = await fetch(`${base}/echo`, {
        method: "POST",
        body: JSON.stringify({ name: "Amina" }),
        headers: { "content-type": "application/json" },
      });
      expect(await valid.json()).toEqual({ name: "Amina" });
    } finally {
      server.close();
    }
  });
});
