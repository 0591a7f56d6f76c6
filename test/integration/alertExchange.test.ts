import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlertClient } from "#client/core/alerts/alertClient";
import { AlertClientError } from "#client/core/alerts/alertErrors";
import { HubError } from "#client/core/errors";
import type { AlertContent } from "#shared/alerts/content";
import { alertDocumentSchema } from "#shared/alerts/document";
import { createAlertJobs } from "../../server/jobs/alertJobs";
import { type ChannelDevice, channelDevice, eventually } from "../support/channels";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestMember, type TestNetwork } from "../support/network";
import { createTestRegister, type TestRegister } from "./registerFixtures";

const root = fileURLToPath(new URL("../..", import.meta.url));
const marker = "Marker-QX7-hawala-Zuwara-4471";
const hour = 3_600_000;

const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let baseContent: AlertContent;
const devices: ChannelDevice[] = [];

/** A member's channel device and alert client, on a fresh session. */
async function alertsOf(
  member: TestMember,
): Promise<{ device: ChannelDevice; alerts: AlertClient }> {
  const device = await channelDevice(await member.login());
  devices.push(device);
  const alerts = new AlertClient({
    hub: device.client,
    channels: device.channels,
    device: { deviceId: member.deviceId, keys: member.keys },
    now: clock.now,
  });
  return { device, alerts };
}

async function tableDump(): Promise<string> {
  const db = testHub.hub.context.database.db;
  const tables = (await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public'`,
  )) as { rows: { table_name: string }[] };
  let dump = "";
  for (const { table_name: name } of tables.rows) {
    const result = (await db.execute(sql.raw(`select * from "${name}"`))) as { rows: unknown[] };
    dump += JSON.stringify(result.rows);
  }
  return dump;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubError || error instanceof AlertClientError) return error.code;
    throw error;
  }
  throw new Error("expected a refusal");
}

let ne: Awaited<ReturnType<typeof alertsOf>>;
let sn: Awaited<ReturnType<typeof alertsOf>>;
let alertId: string;

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now, env: { BEARER_SESSION_TTL_MINUTES: "1440" } });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  const example = alertDocumentSchema.parse(
    JSON.parse(await readFile(`${root}/docs/examples/alert-central-mediterranean.json`, "utf8")),
  );
  baseContent = { ...example.content, summary: `${example.content.summary} ${marker}` };
  ne = await alertsOf(network.focalPointNE);
  sn = await alertsOf(network.focalPointSN);
}, 180_000);

afterAll(async () => {
  for (const device of devices) device.close();
  await testHub?.destroy();
});

describe("alert exchange on the hub", () => {
  it("issues an alert to the posts of two countries, which the recipients decrypt", async () => {
    const { alert } = await ne.alerts.issue({
      content: { ...baseContent, urgency: "urgent" },
      addressing: { scope: { countries: ["NE", "SN"] } },
    });
    alertId = alert.alertId;
    expect(alert.issuerPostId).toBe(register.smugglingNE.id);
    expect(alert.recipientPostIds).toEqual(
      [register.traffickingNE.id, register.traffickingSN.id].sort(),
    );
    expect(alert).toMatchObject({ version: 1, tlp: "AMBER", handling: "H1", urgent: true });
    await eventually(() => sn.device.inbox.some((m) => m.content.kind === "alert"));
    const { thread } = await sn.alerts.read(alertId);
    expect(thread.latest?.content.summary).toContain(marker);
    expect((await sn.alerts.list()).map((a) => a.alertId)).toContain(alertId);
  });

  it("keeps the alert's content out of every table of the hub", async () => {
    const dump = await tableDump();
    expect(dump).toContain(alertId);
    expect(dump).not.toContain(marker);
    expect(dump).not.toContain(baseContent.title);
  });

  it("reminds the recipient posts of an urgent alert after the delay, until they acknowledge", async () => {
    const jobs = createAlertJobs(testHub.hub.context);
    expect((await jobs.runOnce()).reminded).toEqual([]);
    clock.advance(4 * hour + 60_000);
    const { reminded } = await jobs.runOnce();
    expect(reminded.map((r) => r.postId).sort()).toEqual(
      [register.traffickingNE.id, register.traffickingSN.id].sort(),
    );
    expect((await jobs.runOnce()).reminded).toEqual([]);
    expect(await sn.alerts.api.reminders()).toMatchObject([
      { alertId, postId: register.traffickingSN.id, version: 1 },
    ]);
  });

  it("records signed acknowledgements: the issuer sees who has not acknowledged", async () => {
    await sn.alerts.acknowledge(alertId);
    expect(await sn.alerts.api.reminders()).toEqual([]);
    const detail = await ne.alerts.detail(alertId);
    const byPost = new Map(detail.acknowledgements.map((a) => [a.postId, a]));
    expect(byPost.get(register.traffickingSN.id)).toMatchObject({
      acknowledgedVersion: 1,
      current: true,
      acknowledgedByDevice: network.focalPointSN.deviceId,
    });
    expect(byPost.get(register.traffickingNE.id)).toMatchObject({
      acknowledgedVersion: null,
      current: false,
    });
  });

  it("threads a follow-up, a request for information and its answer under the alert", async () => {
    await sn.alerts.followUp(alertId, { text: "Same convoys seen in Kidal.", language: "en" });
    const rfi = await sn.alerts.followUp(alertId, {
      text: "Which hawala office in Agadez?",
      language: "en",
      kind: "request_for_information",
    });
    await ne.alerts.followUp(alertId, {
      text: "The one near the bus station.",
      language: "en",
      kind: "answer",
      inReplyTo: rfi.metadata.followUpId,
    });
    const { thread, detail } = await sn.alerts.read(alertId);
    expect(
      thread.followUps.map((f) => [f.followUp.metadata.kind, f.followUp.content.text]),
    ).toEqual([
      ["follow_up", "Same convoys seen in Kidal."],
      ["request_for_information", "Which hawala office in Agadez?"],
      ["answer", "The one near the bus station."],
    ]);
    expect(detail.followUps).toHaveLength(3);
    expect(await tableDump()).not.toContain("Kidal");
  });

  it("issues an update whose readers see what changed, and refuses a stale version", async () => {
    const content = {
      ...baseContent,
      urgency: "urgent" as const,
      summary: `Moved to Sabratha. ${marker}`,
    };
    const { alert } = await ne.alerts.update(alertId, content);
    expect(alert.version).toBe(2);
    const { thread, detail } = await sn.alerts.read(alertId);
    expect(thread.versions.map((v) => v.metadata.version)).toEqual([1, 2]);
    expect(thread.changes.map((change) => change.path)).toEqual(["summary"]);
    expect(
      detail.acknowledgements.find((a) => a.postId === register.traffickingSN.id)?.current,
    ).toBe(false);
    const stale = ne.alerts.api.update(alertId, {
      version: 2,
      tlp: "AMBER",
      handling: "H1",
      urgent: true,
      expiresAt: alert.expiresAt,
      log: { at: clock.now().toISOString(), signature: "A".repeat(86) },
    });
    expect(await refusal(stale)).toBe("version_conflict");
  });

  it("refuses TLP:RED addressed to a country or a list, on the client and on the hub", async () => {
    const red = { ...baseContent, tlp: "RED" as const };
    const byScope = ne.alerts.issue({ content: red, addressing: { scope: { countries: ["SN"] } } });
    expect(await refusal(byScope)).toBe("distribution_refused");
    const list = await ne.alerts.api.createList({
      listId: crypto.randomUUID(),
      name: "Sahel focal points",
      ownerPostId: register.smugglingNE.id,
      postIds: [register.traffickingSN.id],
    });
    expect((await sn.alerts.api.lists()).map((l) => l.name)).toContain("Sahel focal points");
    const direct = ne.alerts.api.issue({
      alertId: crypto.randomUUID(),
      issuerPostId: register.smugglingNE.id,
      channelId: crypto.randomUUID(),
      recipientPostIds: [register.traffickingSN.id],
      addressing: { distributionListId: list.listId },
      tlp: "RED",
      handling: "H0",
      urgent: false,
      expiresAt: new Date(clock.now().getTime() + 24 * hour).toISOString(),
      log: { at: clock.now().toISOString(), signature: "A".repeat(86) },
    });
    expect(await refusal(direct)).toBe("distribution_refused");
  });

  it("refuses to forward an H2 alert without the originator's permission, and forwards with it", async () => {
    const { alert } = await ne.alerts.issue({
      content: { ...baseContent, handling: "H2" },
      addressing: { posts: [register.traffickingSN.id] },
    });
    await eventually(() =>
      sn.device.inbox.some(
        (m) => m.content.kind === "alert" && m.content.alertId === alert.alertId,
      ),
    );
    const target = [register.traffickingNE.id];
    const refused = sn.alerts.forward(alert.alertId, target);
    expect(await refusal(refused)).toBe("distribution_refused");
    const hubRefusal = sn.alerts.api.forward(alert.alertId, {
      version: 1,
      fromPostId: register.traffickingSN.id,
      toPostIds: target,
      channelId: crypto.randomUUID(),
      log: { at: clock.now().toISOString(), signature: "A".repeat(86) },
    });
    expect(await refusal(hubRefusal)).toBe("distribution_refused");

    const request = await sn.alerts.requestPermission(alert.alertId, {
      purpose: "forwarding",
      targetPostIds: target,
      justification: "The Niger trafficking desk follows the same network.",
    });
    await ne.alerts.decidePermission(alert.alertId, request.requestId, { decision: "granted" });
    const forward = await sn.alerts.forward(alert.alertId, target);
    expect(forward).toMatchObject({ fromPostId: register.traffickingSN.id, toPostIds: target });
    expect((await ne.alerts.detail(alert.alertId)).forwards).toHaveLength(1);
  });

  it("closes a withdrawn alert to acknowledgements and follow-ups", async () => {
    expect((await ne.alerts.withdraw(alertId)).status).toBe("withdrawn");
    expect(await refusal(sn.alerts.acknowledge(alertId))).toBe("alert_closed");
    const followUp = sn.alerts.followUp(alertId, { text: "Too late?", language: "en" });
    expect(await refusal(followUp)).toBe("alert_closed");
  });

  it("purges the content of expired alerts and keeps their minimal metadata", async () => {
    const { channelId } = await ne.alerts.detail(alertId).then((d) => d.alert);
    clock.advance(13 * 30 * 24 * hour);
    const { expired } = await createAlertJobs(testHub.hub.context).runOnce();
    expect(expired).toContain(alertId);
    const db = testHub.hub.context.database.db;
    const stored = (await db.execute(
      sql`select count(*)::int as n from messages where channel_id = ${channelId}`,
    )) as { rows: { n: number }[] };
    expect(stored.rows[0]?.n).toBe(0);
    const fresh = await alertsOf(network.focalPointNE);
    const detail = await fresh.alerts.detail(alertId);
    expect(detail.alert.status).toBe("expired");
    expect(detail.followUps).toEqual([]);
    expect(detail.acknowledgements).toHaveLength(2);
    expect((await fresh.device.channels.history(channelId)).length).toBe(0);
  });
});
