import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { attach, type Socket as EngineSocket } from "engine.io";
import { Server } from "socket.io";
import { forgetUpgradeRequest } from "../server/realtime/upgradeRequest";
import { answerParent, type ChildReady } from "./benchChild";

/**
 * The references for `socket.heap_per_idle` that are not the raw `ws` relay, so that the report
 * can tell what of the hub's figure is the hub's, what Socket.IO's and what its transport's:
 *
 * - `BARE_SERVER=socket.io` (the default): a Socket.IO server with the hub's transport options,
 *   Socket.IO's own memory advice followed (the HTTP request behind each connection dropped once
 *   accepted, as the hub drops it) and nothing else: no authentication, no rooms, no handlers;
 * - `BARE_SERVER=engine.io`: Engine.IO alone, the transport under Socket.IO, set up the same way:
 *   no Socket.IO server on this engine can keep less per connection than this. The `engine.io`
 *   devDependency is pinned to the version `socket.io` installs, so that both are one copy
 *   (`npm ls engine.io`): keep them together when upgrading.
 */
const http = createServer();
const transport = { transports: ["websocket" as const], path: "/socket.io/" };

/**
 * Engine.IO keeps the upgrade request in the connection and in its stand-in response: dropped,
 * the latter by the hub's own middleware.
 */
function dropRequests(engine: {
  use(middleware: typeof forgetUpgradeRequest): void;
  on(event: "connection", listener: (socket: EngineSocket) => void): void;
}) {
  engine.use(forgetUpgradeRequest);
  engine.on("connection", (socket) => {
    (socket as unknown as { request: unknown }).request = null;
  });
}

let close: (done: () => void) => void;
if (process.env.BARE_SERVER === "engine.io") {
  const engine = attach(http, transport);
  dropRequests(engine);
  close = (done) => {
    engine.close();
    http.close(done);
  };
} else {
  const io = new Server(http, { ...transport, serveClient: false });
  dropRequests(io.engine);
  close = (done) => io.close(() => done());
}

answerParent();
process.on("SIGTERM", () => close(() => process.exit(0)));

http.listen(0, "127.0.0.1", () => {
  const { port } = http.address() as AddressInfo;
  const ready: ChildReady = { kind: "ready", url: `http://127.0.0.1:${port}`, bootstrapCode: null };
  process.send?.(ready);
});
