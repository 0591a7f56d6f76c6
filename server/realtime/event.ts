import type { Socket } from "socket.io";
import type {
  ClientEventAck,
  ClientEventName,
  ClientEventPayload,
  ClientToServerEvents,
  ServerToClientEvents,
} from "#shared/events";
import type { HubContext } from "../context";
import type { Actor, Policy } from "../policies/actor";

/** What the hub keeps on each socket. */
export interface SocketData {
  actor: Actor;
  /** When the session ends (ms since the epoch); the hub's sweep cuts the socket then. */
  expiresAt: number;
}

export type HubSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** The handler of one client event; its payload was parsed by the event's schema from `shared/`. */
export interface EventDefinition<E extends ClientEventName> {
  readonly policy: Policy<ClientEventPayload<E>>;
  readonly handler: (args: {
    payload: ClientEventPayload<E>;
    actor: Actor;
    hub: HubContext;
    socket: HubSocket;
  }) => Promise<ClientEventAck<E>>;
}

/** One definition per client event: the compiler refuses a shared event without a handler. */
export type EventRegistry = { readonly [E in ClientEventName]: EventDefinition<E> };
