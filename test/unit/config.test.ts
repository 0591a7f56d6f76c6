import { describe, expect, it } from "vitest";
import { ConfigError, describeDatabase, loadConfig } from "../../server/config";

describe("configuration", () => {
  it("defaults to PGlite in ./data on 127.0.0.1:8080", () => {
    const config = loadConfig({});
    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ kind: "pglite", dataDir: "./data/pglite" });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("uses the PostgreSQL server named by DATABASE_URL", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://relais:secret@db.example:5433/relais" });
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgres://relais:secret@db.example:5433/relais",
    });
    expect(describeDatabase(config)).toBe("PostgreSQL server db.example:5433/relais");
    expect(describeDatabase(config)).not.toContain("secret");
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" }).port).toBe(8080);
  });

  it("lists every invalid variable at once", () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: "eighty",
        DATABASE_URL: "mysql://x/y",
        LOG_LEVEL: "loud",
        REDIS_URL: "nope",
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join("\n");
    for (const variable of ["PORT", "DATABASE_URL", "LOG_LEVEL", "REDIS_URL"]) {
      expect(problems).toContain(variable);
    }
  });

  it("requires the TLS certificate and key together", () => {
    expect(() => loadConfig({ TLS_CERT_FILE: "cert.pem" })).toThrow(ConfigError);
  });
});
