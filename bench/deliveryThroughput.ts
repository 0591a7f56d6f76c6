import { CHANNELS, type DeliveryRig, type HubRig, type RelayRig } from "./deliveryRigs";
import { note, pump, until } from "./deliveryTiming";
import { report } from "./report";

/** Sends in flight per sender. */
const WINDOW = 32;
/**
 * Messages sealed per sender before measuring, per second the hub's side runs: more than the hub
 * stores in the run (about 1,500 a second per sender on PGlite here).
 */
const STOCK_PER_SENDER_SECOND = 2_400;
/** Every message reaches the ten clients. */
const FAN_OUT = 10;

/** Delivered messages per second while every sender keeps its window full for `seconds`. */
async function deliveriesPerSecond(rig: DeliveryRig, seconds: number): Promise<number> {
  const before = rig.delivered;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const sent = await Promise.all(
    Array.from({ length: CHANNELS }, (_, index) => pump(WINDOW, deadline, () => rig.send(index))),
  );
  const expected = before + sent.reduce((sum, n) => sum + n, 0) * FAN_OUT;
  await until(() => rig.delivered >= expected, 30_000, "every delivery");
  return (rig.delivered - before) / ((performance.now() - started) / 1000);
}

/**
 * `delivery.throughput`: messages delivered per second by the hub, 1 KiB of ciphertext each,
 * stored before being pushed, four channels sending at once, each message reaching ten devices;
 * against the raw `ws` relay carrying the same bytes to ten clients. Interleaved halves, so
 * drift on a shared machine hits both sides alike.
 */
export async function benchDeliveryThroughput(
  hub: HubRig,
  baseline: RelayRig,
  seconds: number,
): Promise<void> {
  const half = Math.max(1, seconds / 2);
  hub.prepare(Math.ceil(STOCK_PER_SENDER_SECOND * (1 + 2 * half)));
  await deliveriesPerSecond(baseline, 1);
  await deliveriesPerSecond(hub, 1);
  const baseline1 = await deliveriesPerSecond(baseline, half);
  const ours1 = await deliveriesPerSecond(hub, half);
  const baseline2 = await deliveriesPerSecond(baseline, half);
  const ours2 = await deliveriesPerSecond(hub, half);
  if (hub.stocked === 0) note("delivery.throughput: the hub's side ran out of sealed messages");
  report("delivery.throughput", (ours1 + ours2) / 2, "msg/s", (baseline1 + baseline2) / 2);
}
