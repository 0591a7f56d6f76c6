import { startBenchChild } from "./benchChild";
import { benchDeliveryCatchup } from "./deliveryCatchup";
import { benchDeliveryLatency } from "./deliveryLatency";
import { HubRig, RelayRig } from "./deliveryRigs";
import { benchDeliveryRotation } from "./deliveryRotation";
import { benchDeliveryThroughput } from "./deliveryThroughput";
import { type DeliveryWorld, startDeliveryWorld } from "./deliveryWorld";
import { benchSocketHeap, benchSocketIoReference } from "./socketHeap";

/** Throughput, then heap per idle socket, then latency among those idle sockets. */
async function benchRelayed(world: DeliveryWorld, seconds: number): Promise<void> {
  const relay = await startBenchChild("bench/wsRelay.ts");
  let hub: HubRig | undefined;
  let baseline: RelayRig | undefined;
  try {
    hub = await HubRig.open(world, "Delivery");
    hub.prepare(1);
    baseline = await RelayRig.open(relay, hub.channelIds, hub.sample());
    await benchDeliveryThroughput(hub, baseline, seconds);
    const idle = await benchSocketHeap(world, relay);
    try {
      await benchDeliveryLatency(hub, baseline, seconds);
    } finally {
      idle.close();
    }
    await benchSocketIoReference(idle);
  } finally {
    hub?.close();
    baseline?.close();
    await relay.stop();
  }
}

/**
 * The `delivery` benchmark group (DESIGN.md §11): throughput, heap per idle socket, latency
 * among 1,000 sockets, catch-up of 10,000 messages and rotation in 50 channels, on a hub in a
 * child process with embedded PGlite; the raw `ws` relay (`wsRelay.ts`) is the baseline.
 */
export async function benchDelivery(seconds: number): Promise<void> {
  const world = await startDeliveryWorld();
  try {
    await benchRelayed(world, seconds);
    await benchDeliveryCatchup(world);
    await benchDeliveryRotation(world);
  } finally {
    await world.stop();
  }
}
