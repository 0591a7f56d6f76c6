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
 * Accepted sockets join their session, device and person rooms, so revocation finds them,
 * and keep their session's end, where {@link endExpiredSockets} finds it.
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
          socketRooms.person(actor.personId),
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

/**
 * Once a socket is accepted, its handshake no longer holds the headers and `auth` it came with:
 * they carry the session's bearer token or cookie, which the hub then keeps only in its sessions
 * table (hashed), not once more per socket; an idle socket also weighs less (decision 28).
 */
export function forgetCredentials(socket: HubSocket): void {
  socket.handshake.headers = {};
  socket.handshake.auth = {};
}
