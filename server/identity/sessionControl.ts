import type { Server } from "socket.io";
import type { ErrorCode } from "#shared/errors";
import type { Db } from "../store/database";
import { revokeSessions, type SessionSelector } from "../store/sessions";

/** Ends sessions in the database and cuts their sockets at once. */
export interface SessionControl {
  revoke(
    selector: SessionSelector,
    reason: Extract<ErrorCode, "session_revoked" | "device_revoked" | "person_suspended">,
  ): Promise<number>;
  /** Called once Socket.IO exists (it is created after the context). */
  attach(io: Server): void;
}

/**
 * Rooms each authenticated socket joins: its session's, so revocation can find it on any hub,
 * and its device's, where channel pushes go. A revocation of a device's or a person's sessions
 * names each session, so no room of its own is needed for either.
 */
export const socketRooms = {
  session: (id: string) => `session:${id}`,
  device: (id: string) => `device:${id}`,
};

const messages: Record<string, string> = {
  session_revoked: "This session was ended.",
  device_revoked: "This device was revoked.",
  person_suspended: "This account is suspended.",
};

export function createSessionControl(db: Db, now: () => Date): SessionControl {
  let io: Server | undefined;
  return {
    attach(server) {
      io = server;
    },
    async revoke(selector, reason) {
      const ids = await revokeSessions(db, selector, reason, now());
      if (io) {
        for (const id of ids) {
          const room = io.in(socketRooms.session(id));
          room.emit("session:ended", {
            code: reason,
            message: messages[reason] ?? "Session ended.",
          });
          room.disconnectSockets(true);
        }
      }
      return ids.length;
    },
  };
}
