import type { Server } from "socket.io";
import type { z } from "zod";
import type { channelChangedPushSchema, messagePushSchema } from "#shared/api/channels";
import type { ClientToServerEvents, ServerToClientEvents } from "#shared/events";
import { socketRooms } from "../identity/sessionControl";
import type { SocketData } from "./event";

/**
 * Pushes what the database already holds to the sockets of the devices that should see it
 * (persist, then fan out: DESIGN.md §1.4). A push that reaches nobody loses nothing: clients
 * sync from their cursors when they come back.
 */
export interface Delivery {
  /** Called once Socket.IO exists (it is created after the context). */
  attach(
    io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>,
  ): void;
  message(deviceIds: readonly string[], push: z.infer<typeof messagePushSchema>): void;
  changed(deviceIds: readonly string[], push: z.infer<typeof channelChangedPushSchema>): void;
}

export function createDelivery(): Delivery {
  let io:
    | Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
    | undefined;
  const rooms = (deviceIds: readonly string[]) => deviceIds.map(socketRooms.device);
  return {
    attach(server) {
      io = server;
    },
    message(deviceIds, push) {
      if (io && deviceIds.length > 0) io.to(rooms(deviceIds)).emit("channel:message", push);
    },
    changed(deviceIds, push) {
      if (io && deviceIds.length > 0) io.to(rooms(deviceIds)).emit("channel:changed", push);
    },
  };
}
