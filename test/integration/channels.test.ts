import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HubError } from "#client/core/errors";
import { type ChannelDevice, channelDevice, eventually, texts } from "../support/channels";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestNetwork } from "../support/network";
import { createTestRegister, type TestRegister } from "./registerFixtures";

const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let ne: ChannelDevice;
let sn: ChannelDevice;

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  ne = await channelDevice(network.focalPointNE.client);
  sn = await channelDevice(network.focalPointSN.client);
}, 120_000);

afterAll(async () => {
  ne?.close();
  sn?.close();
  await testHub?.destroy();
});

describe("channels", () => {
  it("carries an encrypted message from one post's holder to another's", async () => {
    const channel = await ne.channels.create({
      name: "Niger - Senegal smuggling",
      ownerPostId: register.smugglingNE.id,
      memberPostIds: [register.traffickingSN.id],
      historyPolicy: "institutional",
    });
    const listed = await sn.channels.list();
    expect(listed.map((c) => c.id)).toContain(channel.id);
    const sent = await ne.channels.sendText(channel.id, "Convoy leaves Agadez on Tuesday");
    expect(sent.seq).toBe(1);
    await eventually(() => sn.inbox.length === 1);
    expect(texts(sn.inbox)).toEqual(["Convoy leaves Agadez on Tuesday"]);
    expect(sn.inbox[0]?.senderPersonId).toBe(network.focalPointNE.person.id);
  });

  it("refuses a non-member's send with not_member and stores nothing", async () => {
    const channel = (await ne.channels.list())[0];
    if (!channel) throw new Error("no channel");
    const outsider = await channelDevice(await network.coordinatorSN.login());
    try {
      await expect(outsider.channels.sendText(channel.id, "hello")).rejects.toMatchObject({
        code: "not_member",
      });
      const detail = await ne.channels.api.detail(channel.id);
      expect(detail.channel.lastSeq).toBe(1);
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
    } finally {
      outsider.close();
    }
  });
});
