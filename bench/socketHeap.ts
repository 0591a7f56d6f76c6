import { io, Manager } from "socket.io-client";
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
  /** The relay's heap bytes per raw `ws` connection, the figure's baseline. */
  readonly rawPerConnection: number;
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
 * The connections stay open for the latency benchmark. Sharing one session, they share its two
 * rooms: a socket of its own session and device also keeps those (about 0.25 KB each, measured
 * on a bare server; docs/testing.md).
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
    rawPerConnection: baseline.perConnection,
    close() {
      for (const socket of baseline.connections) socket.terminate();
      for (const socket of ours.connections) socket.close();
    },
  };
}

/** An Engine.IO connection without Socket.IO on it: a Socket.IO client's manager, opened. */
function connectEngine(url: string) {
  const manager = new Manager(url, {
    transports: ["websocket"],
    reconnection: false,
    autoConnect: false,
  });
  return new Promise<typeof manager>((resolve, reject) => {
    manager.open((error) => (error ? reject(error) : resolve(manager)));
  });
}

/** Heap bytes per connection of a bare server (`socketIoBare.ts`) of the given kind. */
async function barePerConnection(kind: "socket.io" | "engine.io"): Promise<number> {
  const bare = await startBenchChild("bench/socketIoBare.ts", {
    ...process.env,
    BARE_SERVER: kind,
  });
  try {
    if (kind === "engine.io") {
      const plain = await heapPerConnection(bare, () => connectEngine(bare.url));
      for (const manager of plain.connections) manager.engine.close();
      return plain.perConnection;
    }
    const plain = await heapPerConnection(bare, () => connectBare(bare.url));
    for (const socket of plain.connections) socket.close();
    return plain.perConnection;
  } finally {
    await bare.stop();
  }
}

/**
 * The references of {@link benchSocketHeap} that tell whose the hub's figure is, measured the
 * same way on bare servers (`socketIoBare.ts`), each with the connection's HTTP request dropped as
 * the hub drops it:
 * - `socket.heap_per_idle_vs_socketio`: the hub's figure against a bare Socket.IO server with the
 *   hub's transport options; the ratio is what the hub adds to Socket.IO;
 * - `socket.heap_per_idle_engineio`: Engine.IO alone (the transport under Socket.IO) against a raw
 *   `ws` connection: the least any server on Socket.IO's default engine keeps, as a ratio
 *   comparable to the goal of `socket.heap_per_idle`.
 * Run after the latency benchmark, so that their clients do not weigh on the latency measured in
 * this process.
 */
export async function benchSocketIoReference(idle: IdleConnections): Promise<void> {
  const socketIo = await barePerConnection("socket.io");
  report("socket.heap_per_idle_vs_socketio", idle.perConnection, "bytes", socketIo);
  const engineIo = await barePerConnection("engine.io");
  report("socket.heap_per_idle_engineio", engineIo, "bytes", idle.rawPerConnection);
}
