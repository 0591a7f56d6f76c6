import type { IncomingMessage } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { answerParent, type ChildReady } from "./benchChild";
import { GROUP_ID_LENGTH } from "./relayClients";

/**
 * The baseline of the delivery benchmarks (DESIGN.md §11): the least a WebSocket relay can do.
 * A client joins groups with `?groups=ID,ID` at connection; a text frame whose first 36
 * characters name a group is sent as is to every member of that group, the sender included.
 * No authentication, no validation, no storage: what is left is the cost of the sockets.
 */
const groups = new Map<string, Set<WebSocket>>();
const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });

server.on("connection", (socket: WebSocket, request: IncomingMessage) => {
  const joined = new URL(request.url ?? "/", "ws://relay").searchParams.get("groups");
  const mine = (joined ?? "").split(",").filter(Boolean);
  for (const id of mine) {
    const members = groups.get(id) ?? new Set<WebSocket>();
    members.add(socket);
    groups.set(id, members);
  }
  socket.on("message", (data: Buffer, isBinary: boolean) => {
    const members = groups.get(data.toString("latin1", 0, GROUP_ID_LENGTH));
    if (members === undefined) return;
    for (const member of members) member.send(data, { binary: isBinary });
  });
  socket.on("close", () => {
    for (const id of mine) groups.get(id)?.delete(socket);
  });
});

answerParent();
process.on("SIGTERM", () => {
  for (const client of server.clients) client.terminate();
  server.close(() => process.exit(0));
});

server.on("listening", () => {
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const ready: ChildReady = { kind: "ready", url: `ws://127.0.0.1:${port}`, bootstrapCode: null };
  process.send?.(ready);
});
