import type { ExtendedError } from "socket.io";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import { resolveSession, sessionToken } from "../identity/authenticate";
import { socketRooms } from "../identity/sessionControl";
import type { HubSocket } from "./event";

/**
 * The Socket.IO handshake needs a valid session on an active device: a bearer token in
 * `auth.token`, or the browser's session cookie. A refusal reaches the client as
 * `connect_error` whose message is the stable code and whose `data` is `{ code, message }`.
 * Accepted sockets join their session's room, where revocation finds them, and their device's,
 * where channel pushes reach them; they keep their session's end, where
 * {@link endExpiredSockets} finds it. Nothing else: each room costs every socket about 0.25 KB
 * (decision 28).
 */
export function authenticateSocket(hub: HubContext) {
  return (socket: HubSocket, next: (error?: ExtendedError) => void) => {
    const refuse = (error: AppError) => {
      const body = error.toBody();
      next(Object.assign(new Error(body.code), { data: body }));
    };
    const token = sessionToken(
      socket.handshake.headers,
      (socket.handshake.auth as { token?: unknown }).token,
    );
    resolveSession(hub, token).then(
      ({ actor, problem, expiresAt }) => {
        if (actor.kind !== "person") {
          const refusal = problem ?? new AppError("unauthenticated", "Log in first.");
          // Refused handshakes count against the IP, like refused REST calls.
          hub.rateLimits.consumeRestRequest(`ip:${socket.handshake.address}`).then(
            () => refuse(refusal),
            (limited: unknown) => refuse(limited instanceof AppError ? limited : refusal),
          );
          return;
        }
        socket.data.actor = actor;
        socket.data.expiresAt = expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
        void socket.join([
          socketRooms.session(actor.sessionId),
          socketRooms.device(actor.deviceId),
        ]);
        next();
      },
      () =>
        next(
          Object.assign(new Error("internal"), {
            data: { code: "internal", message: "Try again." },
          }),
        ),
    );
  };
}

/** How often the hub looks for sockets whose session has ended. */
export const SESSION_SWEEP_MS = 1_000;

/**
 * Tells every socket whose session has ended by the hub's clock, and cuts it; returns how many.
 * One sweep over the hub's sockets, every {@link SESSION_SWEEP_MS}, rather than a timer per
 * socket: idle sockets are the hub's largest population (DESIGN.md §11, heap per idle socket).
 */
export function endExpiredSockets(sockets: Iterable<HubSocket>, now: Date): number {
  const at = now.getTime();
  let ended = 0;
  for (const socket of sockets) {
    if (socket.data.expiresAt > at) continue;
    socket.emit("session:ended", { code: "session_expired", message: "The session has expired." });
    socket.disconnect(true);
    ended += 1;
  }
  return ended;
}

/** What a trimmed handshake keeps instead of headers, `auth` and query: one frozen empty object. */
const NOTHING = Object.freeze({});

/**
 * Once a socket is accepted, its handshake no longer holds the headers and `auth` it came with:
 * they carry the session's bearer token or cookie, which the hub then keeps only in its sessions
 * table (hashed), not once more per socket. The query, the URL and the time as text go too: the
 * hub reads none of them after the handshake (the address, `issued` and `secure` stay), and each
 * idle socket weighs about 0.4 KB less (decision 28).
 */
export function forgetCredentials(socket: HubSocket): void {
  const handshake = socket.handshake;
  handshake.headers = NOTHING;
  handshake.auth = NOTHING;
  handshake.query = NOTHING;
  handshake.url = "";
  handshake.time = "";
}
