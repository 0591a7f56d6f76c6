import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlertClient } from "#client/core/alerts/alertClient";
import { type ClaimedForward, readForwardedAlert } from "#client/core/alerts/index";
import { LogApi } from "#client/core/log/index";
import type { AlertContent } from "#shared/alerts/content";
import { type AlertDocument, alertDocumentSchema } from "#shared/alerts/document";
import type { AlertDetail } from "#shared/api/alerts";
import { type ChannelDevice, channelDevice, eventually } from "../support/channels";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, enrolMember, type TestMember, type TestNetwork } from "../support/network";
import { at, createTestRegister, type TestRegister } from "./registerFixtures";

const root = fileURLToPath(new URL("../..", import.meta.url));
const minute = 60_000;

const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let baseContent: AlertContent;
const devices: ChannelDevice[] = [];

interface Member {
  readonly member: TestMember;
  readonly device: ChannelDevice;
  readonly alerts: AlertClient;
}

async function connect(member: TestMember): Promise<Member> {
  const device = await channelDevice(await member.login());
  devices.push(device);
  const alerts = new AlertClient({
    hub: device.client,
    channels: device.channels,
    device: { deviceId: member.deviceId, keys: member.keys },
    now: clock.now,
  });
  return { member, device, alerts };
}

/** Reads `claimed` as the member would, with their own verified log. */
function readAs(reader: Member, detail: AlertDetail, claimed: ClaimedForward) {
  const sources = {
    channels: reader.device.channels,
    log: LogApi.forClient(reader.device.client),
    deviceId: reader.member.deviceId,
  };
  return readForwardedAlert(sources, detail, claimed);
}

function versionsOf(read: Awaited<ReturnType<typeof readAs>>): number[] {
  return read?.thread.versions.map((version) => version.metadata.version) ?? [];
}

/** Sends a version of the alert into a channel as a plain message, with no forwarding logged. */
async function sendCopy(sender: Member, channelId: string, document: AlertDocument) {
  const { alertId, version } = document.metadata;
  await sender.device.channels.send(channelId, { kind: "alert", alertId, version, document });
}

// Niger's smuggling post issues to Senegal's trafficking post, which forwards to Niger's
// trafficking post, held by a third focal point.
let issuer: Member;
let forwarder: Member;
let target: Member;
let alertId: string;
let firstVersion: AlertDocument;
let forwardChannelId: string;

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now, env: { BEARER_SESSION_TTL_MINUTES: "1440" } });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  const third = await enrolMember(testHub, clock, network.coordinatorNE, {
    username: "ne.trafficking.fp",
    role: "focal_point",
    country: "NE",
  });
  const coordinator = await network.coordinatorNE.login();
  await coordinator.register.assign(
    register.traffickingNE.id,
    { personId: third.person.id, role: "holder", reason: "Designated by the coordinator" },
    network.coordinatorNE.keys,
    at(clock),
  );
  const example = alertDocumentSchema.parse(
    JSON.parse(await readFile(`${root}/docs/examples/alert-central-mediterranean.json`, "utf8")),
  );
  baseContent = example.content;
  issuer = await connect(network.focalPointNE);
  forwarder = await connect(network.focalPointSN);
  target = await connect(third);
  const { alert } = await issuer.alerts.issue({
    content: baseContent,
    addressing: { posts: [register.traffickingSN.id] },
  });
  alertId = alert.alertId;
  await eventually(() =>
    forwarder.device.inbox.some((m) => m.content.kind === "alert" && m.content.alertId === alertId),
  );
}, 180_000);

afterAll(async () => {
  for (const device of devices) device.close();
  await testHub?.destroy();
});

describe("forwarded copies of an alert", () => {
  it("reads a copy whose forwarding the verified log records", async () => {
    const forward = await forwarder.alerts.forward(alertId, [register.traffickingNE.id]);
    forwardChannelId = forward.channelId;
    const detail = await target.alerts.detail(alertId);
    const claimed = detail.forwards.find((f) => f.channelId === forwardChannelId);
    if (claimed === undefined) throw new Error("the hub lists no forwarding");
    const read = await readAs(target, detail, claimed);
    expect(read?.forward).toMatchObject({
      alertId,
      version: 1,
      fromPostId: register.traffickingSN.id,
      toPostIds: [register.traffickingNE.id],
      channelId: forwardChannelId,
      signerDeviceId: network.focalPointSN.deviceId,
    });
    expect(versionsOf(read)).toEqual([1]);
    firstVersion = read?.thread.latest as AlertDocument;
    expect(firstVersion.content.title).toBe(baseContent.title);
  });

  it("refuses a copy sent without a logged forwarding, whatever the hub's record says", async () => {
    const channel = await forwarder.device.channels.create({
      name: "Not a forwarding",
      ownerPostId: register.traffickingSN.id,
      memberPostIds: [register.traffickingNE.id],
      historyPolicy: "institutional",
    });
    await sendCopy(forwarder, channel.id, firstVersion);
    // The copy is there, readable by the target post: only the log's record is missing.
    const messages = await target.device.channels.history(channel.id);
    expect(messages.some((m) => m.content.kind === "alert")).toBe(true);
    const forged: ClaimedForward = {
      fromPostId: register.traffickingSN.id,
      toPostIds: [register.traffickingNE.id],
      channelId: channel.id,
      version: 1,
      forwardedAt: clock.now().toISOString(),
    };
    const detail = await target.alerts.detail(alertId);
    const claimed = { ...detail, forwards: [...detail.forwards, forged] };
    expect(await readAs(target, claimed, forged)).toBeNull();
  });

  it("refuses a record naming another post, or another alert, than the logged forwarding", async () => {
    const detail = await target.alerts.detail(alertId);
    const real = detail.forwards.find((f) => f.channelId === forwardChannelId);
    if (real === undefined) throw new Error("the hub lists no forwarding");
    const otherPost = { ...real, fromPostId: register.smugglingNE.id };
    expect(await readAs(target, detail, otherPost)).toBeNull();

    // The hub passes this forwarding's channel off as a forwarding of another alert.
    const { alert: other } = await issuer.alerts.issue({
      content: baseContent,
      addressing: { posts: [register.traffickingSN.id] },
    });
    const otherDetail = await issuer.alerts.detail(other.alertId);
    const passedOff = { ...otherDetail, forwards: [real] };
    expect(await readAs(target, passedOff, real)).toBeNull();
  });

  it("counts no version beyond the forwarded one, nor one sent by anyone but the forwarder's device", async () => {
    await issuer.alerts.update(alertId, { ...baseContent, title: `${baseContent.title} (2)` });
    const secondVersion = await eventually(() =>
      forwarder.device.inbox.some(
        (m) =>
          m.content.kind === "alert" && m.content.alertId === alertId && m.content.version === 2,
      ),
    ).then(async () => (await forwarder.alerts.read(alertId)).thread.latest as AlertDocument);
    expect(secondVersion.metadata.version).toBe(2);

    // Version 2 sent into the channel of the forwarding of version 1: not part of that copy.
    await sendCopy(forwarder, forwardChannelId, secondVersion);
    const detail = await target.alerts.detail(alertId);
    const first = detail.forwards.find((f) => f.channelId === forwardChannelId) as ClaimedForward;
    expect(versionsOf(await readAs(target, detail, first))).toEqual([1]);

    // Version 2 forwarded: the target post, also a member, slips a version 1 of its own in.
    const forward = await forwarder.alerts.forward(alertId, [register.traffickingNE.id]);
    await sendCopy(target, forward.channelId, { ...firstVersion });
    const later = await target.alerts.detail(alertId);
    const second = later.forwards.find((f) => f.channelId === forward.channelId) as ClaimedForward;
    const read = await readAs(target, later, second);
    expect(read?.forward.version).toBe(2);
    expect(versionsOf(read)).toEqual([2]);
  });

  it("counts no copy the forwarder sent after logging the forwarding", async () => {
    const forward = await forwarder.alerts.forward(alertId, [register.traffickingNE.id]);
    clock.advance(10 * minute);
    await sendCopy(forwarder, forward.channelId, firstVersion);
    const detail = await target.alerts.detail(alertId);
    const claimed = detail.forwards.find(
      (f) => f.channelId === forward.channelId,
    ) as ClaimedForward;
    expect(versionsOf(await readAs(target, detail, claimed))).toEqual([2]);
  });
});
