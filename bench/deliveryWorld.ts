import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchChild, startBenchChild } from "./benchChild";
import {
  type BenchDevice,
  BenchNetwork,
  type BenchPerson,
  createHeldPosts,
} from "./channelNetwork";

/** Devices of each holder; the first two holders' devices all log in (they receive). */
const DEVICES_PER_HOLDER = [5, 5, 5, 4] as const;

/**
 * The network every delivery benchmark runs on: four focal points of Niger, each holding one
 * post. The first two have five logged-in devices each: the ten devices of the delivery
 * channels. The other two have five and four devices that never log in; with them, a channel
 * of the four posts reaches 19 devices, and 20 once the fourth holder adds a device.
 */
export interface DeliveryWorld {
  readonly hub: BenchChild;
  readonly network: BenchNetwork;
  readonly holders: readonly BenchPerson[];
  /** One post per holder, in the same order. */
  readonly postIds: readonly string[];
  /** The ten logged-in devices of the first two holders. */
  readonly devices: readonly BenchDevice[];
  stop(): Promise<void>;
}

/**
 * Starts the bench hub (`deliveryHub.ts`) in a child process on a fresh embedded PGlite
 * database, or on DATABASE_URL when BENCH_DELIVERY_DATABASE_URL names an empty database, and
 * enrols the network.
 */
export async function startDeliveryWorld(): Promise<DeliveryWorld> {
  const dataDir = await mkdtemp(join(tmpdir(), "relais-bench-delivery-"));
  const { DATABASE_URL: _inherited, ...env } = process.env;
  const postgres = process.env.BENCH_DELIVERY_DATABASE_URL;
  const hub = await startBenchChild(
    "bench/deliveryHub.ts",
    {
      ...env,
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
      // The hub's clock moves 30 s per TOTP code; sessions must outlive the setup.
      BEARER_SESSION_TTL_MINUTES: "1440",
      ...(postgres ? { DATABASE_URL: postgres } : {}),
    },
    hubNodeArgs(),
  ).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const stop = async () => {
    await hub.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const started = performance.now();
    const network = await BenchNetwork.bootstrap(hub);
    const holders: BenchPerson[] = [];
    for (const [index, count] of DEVICES_PER_HOLDER.entries()) {
      const holder = await network.createFocalPoint(`ne.fp${index + 1}`);
      for (let i = 1; i < count; i++) await network.addDevice(holder, index < 2);
      holders.push(holder);
    }
    const postIds = await createHeldPosts(network, holders);
    const devices = holders.slice(0, 2).flatMap((holder) => holder.devices);
    const ms = Math.round(performance.now() - started);
    process.stderr.write(`delivery: enrolled ${countDevices(holders) + 1} devices in ${ms} ms\n`);
    return { hub, network, holders, postIds, devices, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** BENCH_HUB_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=DIR" to see where the hub's time goes. */
function hubNodeArgs(): string[] {
  return (process.env.BENCH_HUB_NODE_ARGS ?? "").split(" ").filter(Boolean);
}

function countDevices(holders: readonly BenchPerson[]): number {
  return holders.reduce((sum, holder) => sum + holder.devices.length, 0);
}
