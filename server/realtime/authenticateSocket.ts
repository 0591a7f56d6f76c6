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
 * and are cut when their session expires.
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
        void socket.join([
          socketRooms.session(actor.sessionId),
          socketRooms.device(actor.deviceId),
          socketRooms.person(actor.personId),
        ]);
        if (expiresAt) {
          const timer = setTimeout(
            () => {
              socket.emit("session:ended", {
                code: "session_expired",
                message: "The session has expired.",
              });
              socket.disconnect(true);
            },
            Math.max(0, expiresAt.getTime() - hub.now().getTime()),
          );
          timer.unref();
          socket.once("disconnect", () => clearTimeout(timer));
        }
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
