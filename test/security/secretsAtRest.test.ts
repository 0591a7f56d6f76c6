import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HubClient } from "#client/core/hubClient";
import { toBase64Url } from "#shared/encoding";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestMember, totpAt } from "../support/network";

/**
 * Runs every identity flow with the hub logging at debug level, collecting each secret that
 * passes through, then looks for them in the logs and in every table of the database.
 */
const clock = createTestClock();
let testHub: TestHub;
const secrets = new Map<string, string>();

function remember(label: string, value: string | null | undefined) {
  if (value) secrets.set(value, label);
}

function rememberMember(name: string, member: TestMember) {
  remember(`${name} password`, member.password);
  remember(`${name} TOTP secret`, member.totpSecret);
  remember(`${name} bearer token`, member.client.token);
  remember(`${name} signing private key`, toBase64Url(member.keys.signing.privateKey));
  remember(`${name} encryption private key`, toBase64Url(member.keys.encryption.privateKey));
}

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now });
  remember("bootstrap code", testHub.hub.bootstrapCode);
  const network = await buildNetwork(testHub, clock);
  for (const [name, member] of Object.entries(network)) rememberMember(name, member);

  const invited = await network.coordinatorNE.client.createPerson({
    username: "ne.invited",
    displayName: "Invited",
    role: "focal_point",
    country: "NE",
  });
  remember("enrolment code", invited.enrolment.code);
  const reset = await network.coordinatorSN.client.resetTotp(network.focalPointSN.person.id);
  remember("TOTP reset code", reset.code);
  const resetClient = new HubClient({ hubUrl: testHub.url });
  const started = await resetClient.startEnrolment(reset.code);
  remember("new TOTP secret", started.totp?.secret);
  const newTotp = await totpAt(clock, started.totp?.secret ?? "");
  remember("TOTP code", newTotp);
  await resetClient.completeEnrolment({
    started,
    password: network.focalPointSN.password,
    totpCode: newTotp,
    deviceName: "unused",
  });
  const deviceCode = await network.auditor.client.issueDeviceCode();
  remember("device code", deviceCode.code);
  await network.auditor.client
    .changePassword({
      currentPassword: network.auditor.password,
      newPassword: "auditor's new secret phrase",
    })
    .catch(() => undefined);
  remember("new password", "auditor's new secret phrase");
  await new HubClient({ hubUrl: testHub.url })
    .login({
      username: "admin",
      password: "a wrong password typed",
      totpCode: "123456",
      deviceId: network.admin.deviceId,
      keys: network.admin.keys,
    })
    .catch(() => undefined);
  remember("wrong password", "a wrong password typed");
  const cookieClient = await network.coordinatorNE.login("cookie");
  await cookieClient.me().catch(() => undefined);
}, 120_000);

afterAll(async () => {
  await testHub?.destroy();
});

function findSecrets(text: string): string[] {
  return [...secrets].filter(([value]) => text.includes(value)).map(([, label]) => label);
}

describe("secrets", () => {
  it("were collected from every flow", () => {
    expect(secrets.size).toBeGreaterThan(30);
    expect(testHub.logs.length).toBeGreaterThan(50);
  });

  it("never appear in the hub's logs", () => {
    expect(findSecrets(testHub.logs.join("\n"))).toEqual([]);
  });

  it("are never stored in clear in any table", async () => {
    const db = testHub.hub.context.database.db;
    const tables = (await db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    )) as { rows: { table_name: string }[] };
    const names = tables.rows.map((row) => row.table_name);
    expect(names).toEqual(
      expect.arrayContaining(["persons", "devices", "sessions", "enrolment_codes"]),
    );
    let dump = "";
    for (const name of names) {
      const result = (await db.execute(sql.raw(`select * from "${name}"`))) as { rows: unknown[] };
      dump += JSON.stringify(result.rows);
    }
    expect(findSecrets(dump)).toEqual([]);
    expect(dump).toContain("$argon2id$");
  });
});
