import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../../server/config";

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: unknown };
}

const compose = parse(
  await readFile(new URL("../../docker-compose.yml", import.meta.url), "utf8"),
) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};

describe("docker-compose.yml", () => {
  it("runs the hub, postgres:16 and redis:7, each with a health check and a volume", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["hub", "postgres", "redis"]);
    expect(compose.services.postgres?.image).toBe("postgres:16");
    expect(compose.services.redis?.image).toBe("redis:7");
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test, name).toBeDefined();
      const volume = service.volumes?.[0]?.split(":")[0];
      expect(volume && compose.volumes[volume] !== undefined, name).toBe(true);
    }
  });

  it("starts the hub only once its dependencies are healthy", () => {
    expect(compose.services.hub?.depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      redis: { condition: "service_healthy" },
    });
  });

  it("wires the hub to those services through a configuration the hub accepts", () => {
    const environment = compose.services.hub?.environment ?? {};
    const resolved = Object.fromEntries(
      Object.entries(environment).map(([key, value]) => [key, value.replace(/\$\{[^}]+\}/g, "pw")]),
    );
    const config = loadConfig(resolved);
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgres://relais:pw@postgres:5432/relais",
    });
    expect(config.redisUrl).toBe("redis://redis:6379");
    expect(config.host).toBe("0.0.0.0");
  });
});
