import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { answerParent, type ChildReady } from "./benchChild";

/**
 * A second reference for `socket.heap_per_idle`: a Socket.IO server with the hub's transport
 * options and nothing else (no authentication, no rooms, no handlers), so the report can tell
 * what of the hub's figure is Socket.IO's own and what is the hub's.
 */
const http = createServer();
const io = new Server(http, { transports: ["websocket"], serveClient: false });

answerParent();
process.on("SIGTERM", () => {
  io.close(() => process.exit(0));
});

http.listen(0, "127.0.0.1", () => {
  const { port } = http.address() as AddressInfo;
  const ready: ChildReady = { kind: "ready", url: `http://127.0.0.1:${port}`, bootstrapCode: null };
  process.send?.(ready);
});
