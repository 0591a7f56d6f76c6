import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChannelDevice, channelDevice, eventually } from "../support/channels";
import { createTestClock } from "../support/clock";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestHub } from "../support/hub";
import { childEnv, type HubProcess, spawnHub } from "../support/hubProcess";
import { buildNetwork, type TestNetwork } from "../support/network";
import { createTestRegister } from "./registerFixtures";

/**
 * Persist, then fan out (DESIGN.md §1.4), under the worst a process can suffer: several clients
 * stream 10,000 messages while the hub, a real child process, is killed with SIGKILL five times
 * and restarted on the same database. Every message acknowledged to its sender must reach every
 * recipient device exactly once. Runs on PGlite, and on PostgreSQL when the suite does.
 */
const TOTAL = 10_000;
const KILLS = 5;

const clock = createTestClock();
let testDatabase: TestDatabase;
let network: TestNetwork;
let port: number;
let hub: HubProcess | undefined;
const channelIds: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const hubEnv = () =>
  childEnv(testDatabase, {
    PORT: String(port),
    LOG_LEVEL: "warn",
    SOCKET_EVENTS_PER_SECOND: "50000",
  });

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  port = await freePort();
  // The network is built on an in-process hub on the same port and database, then handed over.
  const setup = await startTestHub({
    now: clock.now,
    testDatabase,
    env: { PORT: String(port), SOCKET_EVENTS_PER_SECOND: "50000" },
  });
  network = await buildNetwork(setup, clock);
  const register = await createTestRegister(network, clock);
  const owner = await channelDevice(network.focalPointNE.client);
  for (const name of ["Central Mediterranean", "Atlantic route"]) {
    const channel = await owner.channels.create({
      name,
      ownerPostId: register.smugglingNE.id,
      memberPostIds: [register.traffickingSN.id],
      historyPolicy: "institutional",
    });
    channelIds.push(channel.id);
  }
  owner.close();
  await setup.stop();
  hub = await spawnHub(hubEnv());
}, 180_000);

afterAll(async () => {
  await hub?.kill("SIGKILL");
  await testDatabase?.drop();
});

describe("delivery under hub crashes", () => {
  it(`delivers ${TOTAL} messages exactly once to every device across ${KILLS} SIGKILLs`, async () => {
    const devices: ChannelDevice[] = [
      await channelDevice(network.focalPointNE.client),
      await channelDevice(network.focalPointSN.client),
    ];
    const received = devices.map(() => [] as string[]);
    devices.forEach((device, i) => {
      device.channels.on("message", (message) => {
        if (message.content.kind === "text") received[i]?.push(message.content.text);
      });
    });

    // Four streams: each device writes to each channel, one message after the other.
    const perStream = TOTAL / (devices.length * channelIds.length);
    const acknowledged: string[] = [];
    const streams = devices.flatMap((device, d) =>
      channelIds.map(async (channelId, c) => {
        for (let i = 0; i < perStream; i++) {
          const text = `d${d}-c${c}-${i}`;
          await device.channels.sendText(channelId, text);
          acknowledged.push(text);
        }
      }),
    );

    // Five kills, spread over the stream; each restart reopens the same database.
    const kills = (async () => {
      for (let k = 0; k < KILLS; k++) {
        const target = ((k + 1) * TOTAL) / (KILLS + 1);
        await eventually(() => acknowledged.length >= target, 120_000);
        await hub?.kill("SIGKILL");
        hub = await spawnHub(hubEnv());
      }
    })();
    await Promise.all([...streams, kills]);
    expect(acknowledged).toHaveLength(TOTAL);

    // Every device ends with every message, once: pushes, then syncs after each reconnection.
    for (const device of devices) await device.channels.syncAll();
    await eventually(() => received.every((texts) => texts.length >= TOTAL), 60_000);
    for (const texts of received) {
      expect(texts).toHaveLength(TOTAL);
      expect(new Set(texts).size).toBe(TOTAL);
      expect(new Set(texts)).toEqual(new Set(acknowledged));
    }
    // The hub stored each message once, retries included.
    const listed = await devices[0]?.channels.list();
    expect(listed?.map((channel) => channel.lastSeq)).toEqual([perStream * 2, perStream * 2]);
    for (const device of devices) device.close();
  }, 300_000);
});
