import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlertClient } from "#client/core/alerts/alertClient";
import { HubError } from "#client/core/errors";
import { MlaClient } from "#client/core/mla/mlaClient";
import { MlaClientError } from "#client/core/mla/mlaErrors";
import { alertDocumentSchema } from "#shared/alerts/document";
import { type MlaRequest, mlaRequestSchema } from "#shared/mla/request";
import { createMlaJobs } from "../../server/jobs/mlaJobs";
import { type ChannelDevice, channelDevice, eventually } from "../support/channels";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestMember, type TestNetwork } from "../support/network";
import { createTestRegister, readLogLeaves, type TestRegister } from "./registerFixtures";

const root = fileURLToPath(new URL("../..", import.meta.url));
const marker = "Marker-MLA-9Q2-Zinder-hawala";
const day = 24 * 3_600_000;

const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let example: MlaRequest;
const devices: ChannelDevice[] = [];

/** A member's channel device with MLA and alert clients, on a fresh session. */
async function clientsOf(member: TestMember) {
  const device = await channelDevice(await member.login());
  devices.push(device);
  const options = {
    hub: device.client,
    channels: device.channels,
    device: { deviceId: member.deviceId, keys: member.keys },
    now: clock.now,
  };
  return { device, mla: new MlaClient(options), alerts: new AlertClient(options) };
}

/** A complete request from Niger's smuggling post to Senegal's post, due in `days` days. */
function newRequest(days = 60, alertIds: string[] = []): MlaRequest {
  return mlaRequestSchema.parse({
    ...example,
    requestId: crypto.randomUUID(),
    facts: `${example.facts} ${marker}`,
    requestingAuthority: {
      ...example.requestingAuthority,
      postId: register.smugglingNE.id,
      country: "NE",
    },
    requestedAuthority: {
      ...example.requestedAuthority,
      postId: register.traffickingSN.id,
      country: "SN",
    },
    deadline: new Date(clock.now().getTime() + days * day).toISOString().slice(0, 10),
    alertIds,
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubError || error instanceof MlaClientError) return error.code;
    throw error;
  }
  throw new Error("expected a refusal");
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

let ne: Awaited<ReturnType<typeof clientsOf>>;
let sn: Awaited<ReturnType<typeof clientsOf>>;
let requestId: string;

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now, env: { BEARER_SESSION_TTL_MINUTES: "1440" } });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  example = mlaRequestSchema.parse(
    JSON.parse(await readFile(`${root}/docs/examples/mla-italy-niger-hawala.json`, "utf8")),
  );
  ne = await clientsOf(network.focalPointNE);
  sn = await clientsOf(network.focalPointSN);
}, 180_000);

afterAll(async () => {
  for (const device of devices) device.close();
  await testHub?.destroy();
});

describe("sending an MLA request between two countries", () => {
  it("refuses to send an incomplete request, before anything reaches the hub", async () => {
    const incomplete = { ...newRequest(), facts: "", offences: [] };
    expect(await refusal(ne.mla.send(incomplete))).toBe("request_incomplete");
    expect(await ne.mla.list()).toEqual([]);
  });

  it("addresses requests to central authorities only, on the client and on the hub", async () => {
    const police = await network.coordinatorSN.client.register.createPost(
      {
        organisationId: register.agencySN.id,
        country: "SN",
        title: "Senegal, border liaison post",
        thematicAreas: ["liaison"],
        workingLanguages: ["fr"],
        contactChannels: [{ kind: "phone", value: "+221338000009" }],
        timeZone: "Africa/Dakar",
      },
      network.coordinatorSN.keys,
      { at: clock.now() },
    );
    const request = newRequest();
    request.requestedAuthority.postId = police.id;
    expect(await refusal(ne.mla.send(request))).toBe("not_central_authority");
    const direct = ne.mla.api.send({
      requestId: request.requestId,
      requestingPostId: register.smugglingNE.id,
      requestedPostId: police.id,
      requestingCountry: "NE",
      requestedCountry: "SN",
      urgency: "routine",
      deadline: request.deadline,
      alertIds: [],
      channelId: crypto.randomUUID(),
      log: { at: clock.now().toISOString(), signature: "A".repeat(86) },
    });
    expect(await refusal(direct)).toBe("validation_failed");
    expect(await ne.mla.list()).toEqual([]);
  });

  it("sends the request, which the requested post's holder decrypts", async () => {
    const request = newRequest();
    const sent = await ne.mla.send(request);
    requestId = sent.requestId;
    expect(sent).toMatchObject({
      requestId: request.requestId,
      requestingPostId: register.smugglingNE.id,
      requestedPostId: register.traffickingSN.id,
      requestingCountry: "NE",
      requestedCountry: "SN",
      status: "sent",
      awaitingInformation: false,
      deadline: request.deadline,
      urgency: "urgent",
      overdue: false,
    });
    await eventually(() => sn.device.inbox.some((m) => m.content.kind === "mla-request"));
    const read = await sn.mla.read(requestId);
    expect(read.request).toEqual(request);
    expect((await sn.mla.list()).map((r) => r.requestId)).toEqual([requestId]);
  });

  it("keeps the request's content out of every table of the hub", async () => {
    const dump = await tableDump();
    expect(dump).toContain(requestId);
    expect(dump).not.toContain(marker);
    expect(dump).not.toContain(example.caseReference);
  });

  it("walks the request to executed, each transition in the history and the log", async () => {
    await sn.mla.transition(requestId, "acknowledge");
    const asked = await sn.mla.transition(requestId, "request_information", {
      note: "Which branch of the bank holds the account?",
    });
    expect(asked).toMatchObject({ status: "acknowledged", awaitingInformation: true });
    const answered = await ne.mla.transition(requestId, "provide_information", {
      note: "The Niamey-Plateau branch.",
    });
    expect(answered.awaitingInformation).toBe(false);
    await sn.mla.transition(requestId, "start_execution");
    await sn.mla.transition(requestId, "report_partial_execution");
    const done = await sn.mla.transition(requestId, "complete_execution");
    expect(done.status).toBe("executed");

    const history = await ne.mla.history(requestId);
    expect(history.map((h) => [h.action, h.side, h.from, h.to])).toEqual([
      ["send", "requesting", "draft", "sent"],
      ["acknowledge", "requested", "sent", "acknowledged"],
      ["request_information", "requested", "acknowledged", "acknowledged"],
      ["provide_information", "requesting", "acknowledged", "acknowledged"],
      ["start_execution", "requested", "acknowledged", "in_execution"],
      ["report_partial_execution", "requested", "in_execution", "partially_executed"],
      ["complete_execution", "requested", "partially_executed", "executed"],
    ]);
    expect(history[1]).toMatchObject({
      actorPostId: register.traffickingSN.id,
      actorDeviceId: network.focalPointSN.deviceId,
      grounds: null,
    });
    const leaves = await readLogLeaves(testHub, ne.device.client);
    const logged = leaves.filter(
      (leaf) => leaf.entry.type === "mla-transition" && leaf.entry.requestId === requestId,
    );
    expect(
      logged.map((leaf) => (leaf.entry.type === "mla-transition" ? leaf.entry.action : "")),
    ).toEqual(history.map((h) => h.action));
    for (const item of history) expect(item.logIndex).not.toBeNull();

    const read = await ne.mla.read(requestId);
    expect(
      read.messages.map((m) => (m.content.kind === "mla-message" ? m.content.text : "")),
    ).toEqual(["Which branch of the bank holds the account?", "The Niamey-Plateau branch."]);
  });

  it("shows the requests of their country to national coordinators, metadata only", async () => {
    const coordinator = await clientsOf(network.coordinatorSN);
    expect((await coordinator.mla.list()).map((r) => r.requestId)).toContain(requestId);
    expect((await coordinator.mla.detail(requestId)).history).toHaveLength(7);
    const admin = await clientsOf(network.admin);
    expect(await refusal(admin.mla.detail(requestId))).toBe("forbidden");
    expect(await admin.mla.list()).toEqual([]);
  });
});

describe("invalid transitions", () => {
  let open: string;

  beforeAll(async () => {
    open = (await ne.mla.send(newRequest())).requestId;
  });

  it("refuses an action of the other side with wrong_side", async () => {
    expect(await refusal(ne.mla.transition(open, "acknowledge"))).toBe("wrong_side");
    expect(await refusal(sn.mla.transition(open, "withdraw"))).toBe("wrong_side");
  });

  it("refuses an action out of order with invalid_transition", async () => {
    expect(await refusal(sn.mla.transition(open, "complete_execution"))).toBe("invalid_transition");
    expect(await refusal(sn.mla.transition(open, "start_execution"))).toBe("invalid_transition");
    expect(await refusal(ne.mla.transition(open, "provide_information"))).toBe(
      "invalid_transition",
    );
  });

  it("refuses a refusal without grounds, and a statement signed on a stale status", async () => {
    expect(await refusal(sn.mla.transition(open, "refuse"))).toBe("validation_failed");
    const stale = sn.mla.api.transition(open, {
      action: "start_execution",
      side: "requested",
      from: "acknowledged",
      log: { at: clock.now().toISOString(), signature: "A".repeat(86) },
    });
    expect(await refusal(stale)).toBe("invalid_transition");
  });

  it("refuses a forged signature and a party to neither side", async () => {
    const forged = sn.mla.api.transition(open, {
      action: "acknowledge",
      side: "requested",
      from: "sent",
      log: { at: clock.now().toISOString(), signature: "A".repeat(86) },
    });
    expect(await refusal(forged)).toBe("invalid_device_signature");
    const outsider = await clientsOf(network.coordinatorNE);
    expect(await refusal(outsider.mla.transition(open, "withdraw"))).toBe("not_holder");
    const direct = outsider.mla.api.transition(open, {
      action: "withdraw",
      side: "requesting",
      from: "sent",
      log: { at: clock.now().toISOString(), signature: "A".repeat(86) },
    });
    expect(await refusal(direct)).toBe("forbidden");
  });

  it("records a refusal with its coded grounds, then refuses everything with request_closed", async () => {
    const refused = await sn.mla.transition(open, "refuse", {
      grounds: ["no_dual_criminality"],
      note: "The conduct is not an offence here.",
    });
    expect(refused.status).toBe("refused");
    const history = await ne.mla.history(open);
    expect(history.at(-1)).toMatchObject({ action: "refuse", grounds: ["no_dual_criminality"] });
    expect(await refusal(ne.mla.transition(open, "withdraw"))).toBe("request_closed");
    expect(await refusal(sn.mla.transition(open, "acknowledge"))).toBe("request_closed");
    expect(await refusal(ne.mla.transition(requestId, "withdraw"))).toBe("request_closed");
  });

  it("lets the requesting side withdraw an open request, and nothing after", async () => {
    const other = (await ne.mla.send(newRequest())).requestId;
    expect((await ne.mla.transition(other, "withdraw")).status).toBe("withdrawn");
    expect(await refusal(sn.mla.transition(other, "acknowledge"))).toBe("request_closed");
  });
});

describe("alert references", () => {
  it("refuses an H1 alert without the originator's permission, and accepts it with one", async () => {
    const document = alertDocumentSchema.parse(
      JSON.parse(await readFile(`${root}/docs/examples/alert-central-mediterranean.json`, "utf8")),
    );
    const { alert } = await sn.alerts.issue({
      content: { ...document.content, handling: "H1" },
      addressing: { posts: [register.smugglingNE.id] },
    });
    const request = newRequest(60, [alert.alertId]);
    expect(await refusal(ne.mla.send(request))).toBe("judicial_use_forbidden");
    const channel = await ne.device.channels.create({
      name: "MLA request (direct)",
      ownerPostId: register.smugglingNE.id,
      memberPostIds: [register.traffickingSN.id],
      historyPolicy: "institutional",
    });
    const direct = ne.mla.api.send({
      requestId: request.requestId,
      requestingPostId: register.smugglingNE.id,
      requestedPostId: register.traffickingSN.id,
      requestingCountry: "NE",
      requestedCountry: "SN",
      urgency: "urgent",
      deadline: request.deadline,
      alertIds: [alert.alertId],
      channelId: channel.id,
      log: { at: clock.now().toISOString(), signature: "A".repeat(86) },
    });
    expect(await refusal(direct)).toBe("judicial_use_forbidden");

    const asked = await ne.alerts.requestPermission(alert.alertId, {
      purpose: "judicial_use",
      justification: "Needed for the MLA request to Senegal.",
    });
    await sn.alerts.decidePermission(alert.alertId, asked.requestId, { decision: "granted" });
    const sent = await ne.mla.send(request);
    expect(sent.alertIds).toEqual([alert.alertId]);
  });
});

describe("deadlines", () => {
  it("reminds the requested post 7 days and 1 day before, then escalates to the coordinator", async () => {
    const due = (await ne.mla.send(newRequest(10))).requestId;
    const jobs = createMlaJobs(testHub.hub.context);
    const noticesFor = async () =>
      (await jobs.runOnce()).notices.filter((notice) => notice.requestId === due);
    expect(await noticesFor()).toEqual([]);

    clock.advance(4.5 * day);
    const [first, ...none] = await noticesFor();
    expect(none).toEqual([]);
    expect(first).toMatchObject({ kind: "reminder_7_days", postIds: [register.traffickingSN.id] });
    expect(await noticesFor()).toEqual([]);

    clock.advance(5.5 * day);
    expect((await noticesFor()).map((notice) => notice.kind)).toEqual(["reminder_1_day"]);

    clock.advance(1.5 * day);
    const [escalation] = await noticesFor();
    expect(escalation).toMatchObject({
      kind: "escalation",
      postIds: [register.smugglingNE.id],
      coordinatorPersonIds: [network.coordinatorSN.person.id],
    });
    expect(await noticesFor()).toEqual([]);

    const requested = await clientsOf(network.focalPointSN);
    const reminders = (await requested.mla.reminders()).filter((r) => r.requestId === due);
    expect(reminders.map((r) => r.kind).sort()).toEqual(["reminder_1_day", "reminder_7_days"]);
    const coordinator = await clientsOf(network.coordinatorSN);
    expect((await coordinator.mla.reminders()).map((r) => [r.requestId, r.kind])).toEqual([
      [due, "escalation"],
    ]);
    const requesting = await clientsOf(network.focalPointNE);
    expect((await requesting.mla.reminders()).map((r) => r.kind)).toEqual(["escalation"]);
    expect((await requesting.mla.detail(due)).request.overdue).toBe(true);
  });
});
