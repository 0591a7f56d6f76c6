import { io } from "socket.io-client";
import { type BenchChild, startBenchChild } from "./benchChild";
import { firstDevice } from "./channelNetwork";
import { connectDevice } from "./deliveryDevices";
import type { DeliveryWorld } from "./deliveryWorld";
import { connectMany, connectRelayClient } from "./relayClients";
import { report } from "./report";

/** Idle connections opened on each side. */
export const IDLE_SOCKETS = 1_000;

/** Connections left open by {@link benchSocketHeap}, for the latency benchmark to run among. */
export interface IdleConnections {
  /** The hub's heap bytes per idle connection, as reported. */
  readonly perConnection: number;
  close(): void;
}

/** Heap bytes the server gains per connection that `connect` opens, after full collections. */
async function heapPerConnection<T>(server: BenchChild, connect: () => Promise<T>) {
  // A few connections first, so that lazily loaded code and JIT caches are not counted.
  const warm = await connectMany(20, connect);
  const before = (await server.call({ kind: "heap" })).heapUsed;
  const idle = await connectMany(IDLE_SOCKETS, connect);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = (await server.call({ kind: "heap" })).heapUsed;
  return { perConnection: (after - before) / IDLE_SOCKETS, connections: [...warm, ...idle] };
}

/** A Socket.IO client connected to the bare Socket.IO server, as the hub's clients connect. */
function connectBare(url: string) {
  const socket = io(url, { transports: ["websocket"], reconnection: false });
  return new Promise<typeof socket>((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

/**
 * `socket.heap_per_idle`: heap bytes per idle authenticated Socket.IO connection in the hub
 * process (all on one session of the administrator's device, which is in no channel, so they
 * receive nothing); against a raw `ws` connection in the relay process. Both measured with
 * `process.memoryUsage().heapUsed` after `global.gc()`, before and after 1,000 connections.
 * The connections stay open for the latency benchmark.
 *
 */
export async function benchSocketHeap(
  world: DeliveryWorld,
  relay: BenchChild,
): Promise<IdleConnections> {
  const admin = firstDevice(world.network.admin);
  const baseline = await heapPerConnection(relay, () => connectRelayClient(relay.url, []));
  const ours = await heapPerConnection(world.hub, () => connectDevice(admin));
  report("socket.heap_per_idle", ours.perConnection, "bytes", baseline.perConnection);
  return {
    perConnection: ours.perConnection,
    close() {
      for (const socket of baseline.connections) socket.terminate();
      for (const socket of ours.connections) socket.close();
    },
  };
}

/**
 * `socket.heap_per_idle_vs_socketio`: the hub's figure of {@link benchSocketHeap} against a bare
 * Socket.IO server with the hub's transport options (`socketIoBare.ts`), measured the same way:
 * Socket.IO's own connection state is most of the hub's figure, and this ratio is what the hub
 * adds to it. Run after the latency benchmark, so that its 1,000 clients closing do not weigh
 * on the latency measured in this process.
 */
export async function benchSocketIoReference(oursPerConnection: number): Promise<void> {
  const bare = await startBenchChild("bench/socketIoBare.ts");
  try {
    const plain = await heapPerConnection(bare, () => connectBare(bare.url));
    for (const socket of plain.connections) socket.close();
    report("socket.heap_per_idle_vs_socketio", oursPerConnection, "bytes", plain.perConnection);
  } finally {
    await bare.stop();
  }
}
