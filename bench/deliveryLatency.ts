import { CHANNELS, type DeliveryRig, type HubRig, type RelayRig } from "./deliveryRigs";
import { until } from "./deliveryTiming";
import { percentile } from "./logScratch";
import { report } from "./report";
import { IDLE_SOCKETS } from "./socketHeap";

/**
 * Messages sent per second, over all channels: a steady load well under what the hub stores
 * at most on PGlite (see `delivery.throughput`), so that the figure is latency, not queueing.
 */
const LOAD_PER_SECOND = 25;

/**
 * Seconds measured per side at least, whatever `--seconds` says: 1,500 messages, 15,000
 * deliveries, so that each side's p99 rests on its 15 slowest messages rather than on five.
 * A p99 needs many samples, and the ten deliveries of one message are not independent: over the
 * 150 messages of 6 seconds, the p99 of either side was made by one or two of them.
 */
const MIN_SECONDS = 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends at a steady rate for `seconds`, round robin over the channels, without waiting for
 * answers (an open loop, as independent senders are); returns every send-to-delivery time.
 */
async function steadyLoad(rig: DeliveryRig, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  rig.record(latencies);
  const before = rig.delivered;
  const started = performance.now();
  const total = Math.round(seconds * LOAD_PER_SECOND);
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / LOAD_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = rig.send(i % CHANNELS);
    if (sent === undefined) throw new Error("out of messages");
    sends.push(sent);
  }
  await Promise.all(sends);
  await until(() => rig.delivered >= before + total * 10, 30_000, "every delivery");
  rig.record(null);
  return latencies;
}

/**
 * `delivery.latency_p50` and `delivery.latency_p99`: ms from send to delivery on each of the
 * ten receiving devices, at a steady 25 messages per second over four channels, while 1,000
 * idle authenticated sockets stay connected (from `socket.heap_per_idle`); against the raw
 * `ws` relay with as many idle clients. Interleaved halves, at least 60 seconds per side.
 */
export async function benchDeliveryLatency(
  hub: HubRig,
  baseline: RelayRig,
  seconds: number,
): Promise<void> {
  const half = Math.max(MIN_SECONDS, seconds) / 2;
  hub.prepare(Math.ceil((LOAD_PER_SECOND * (1 + 2 * half)) / CHANNELS) + 1);
  await steadyLoad(baseline, 1);
  await steadyLoad(hub, 1);
  const ours: number[] = [];
  const relayed: number[] = [];
  relayed.push(...(await steadyLoad(baseline, half)));
  ours.push(...(await steadyLoad(hub, half)));
  relayed.push(...(await steadyLoad(baseline, half)));
  ours.push(...(await steadyLoad(hub, half)));
  for (const p of [50, 99]) {
    report(`delivery.latency_p${p}`, percentile(ours, p), "ms", percentile(relayed, p));
  }
  process.stderr.write(
    `delivery.latency: ${ours.length} deliveries per side, ${IDLE_SOCKETS} idle sockets each\n`,
  );
}
