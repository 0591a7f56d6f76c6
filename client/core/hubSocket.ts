import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import { errorBodySchema, errorCodeSchema } from "#shared/errors";
import {
  ackSchema,
  type ClientEventAck,
  type ClientEventName,
  type ClientEventPayload,
  type ClientToServerEvents,
  clientEvents,
  type ServerToClientEvents,
} from "#shared/events";
import { ClientError, HubError } from "./errors.ts";

/** A socket to the hub, typed with the shared events (`shared/events.ts`). */
export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Options of {@link connectHubSocket}. */
export interface HubSocketOptions {
  /** The bearer token; omit for a cookie session (the browser sends the cookie). */
  token: string | null;
  /** Reconnect after the connection drops once established (default true). */
  reconnection?: boolean;
}

/**
 * Connects to the hub over WebSocket (the only transport the hub accepts) and resolves once the
 * hub has authenticated the socket. A refusal rejects with a {@link HubError} carrying the hub's
 * code (e.g. `unauthenticated`, `session_revoked`, `device_revoked`, `person_suspended`); a
 * network failure rejects with `ClientError("hub_unreachable")`. Either way the socket is closed.
 */
export function connectHubSocket(hubUrl: string, options: HubSocketOptions): Promise<HubSocket> {
  const socketOptions: Partial<ManagerOptions & SocketOptions> = {
    transports: ["websocket"],
    forceNew: true,
    reconnection: options.reconnection ?? true,
    // A hub restart should cost seconds, not the default back-off's tens of seconds.
    reconnectionDelay: 250,
    reconnectionDelayMax: 2_000,
    ...(options.token === null ? {} : { auth: { token: options.token } }),
  };
  const socket: HubSocket = io(hubUrl, socketOptions);
  return new Promise((resolve, reject) => {
    const onConnect = () => {
      socket.off("connect_error", onError);
      resolve(socket);
    };
    const onError = (error: Error & { data?: unknown }) => {
      socket.off("connect", onConnect);
      socket.close();
      reject(connectError(error));
    };
    socket.once("connect", onConnect);
    socket.once("connect_error", onError);
  });
}

function connectError(error: Error & { data?: unknown }): Error {
  const body = errorBodySchema.safeParse(error.data);
  if (body.success) return new HubError(body.data, null, { cause: error });
  const code = errorCodeSchema.safeParse(error.message);
  if (code.success) return new HubError({ code: code.data, message: error.message }, null);
  return new ClientError("hub_unreachable", `socket connection failed: ${error.message}`, {
    cause: error,
  });
}

/**
 * Emits a client event and waits for its acknowledgement: resolves with the acknowledged data,
 * parsed with the shared ack schema; rejects with the hub's {@link HubError}, with
 * `ClientError("ack_timeout")` after `timeoutMs`, or `invalid_response` for a malformed ack.
 */
export async function request<E extends ClientEventName>(
  socket: HubSocket,
  event: E,
  payload: ClientEventPayload<E>,
  timeoutMs = 10_000,
): Promise<ClientEventAck<E>> {
  // The generic event name defeats socket.io's overloads; the ack is parsed below instead.
  const timed = socket.timeout(timeoutMs);
  const emit = timed.emitWithAck as (event: string, payload: unknown) => Promise<unknown>;
  let raw: unknown;
  try {
    raw = await emit.call(timed, event, payload);
  } catch (cause) {
    throw new ClientError("ack_timeout", `the hub did not acknowledge ${event}`, { cause });
  }
  const parsed = ackSchema(clientEvents[event].ack).safeParse(raw);
  if (!parsed.success) {
    throw new ClientError("invalid_response", `malformed acknowledgement of ${event}`, {
      cause: parsed.error,
    });
  }
  if (!parsed.data.ok) throw new HubError(parsed.data.error, null);
  return parsed.data.data as ClientEventAck<E>;
}
