import { z } from "zod";
import {
  ackAckSchema,
  ackPayloadSchema,
  channelChangedPushSchema,
  messagePushSchema,
  sendMessageAckSchema,
  sendMessagePayloadSchema,
  syncAckSchema,
  syncPayloadSchema,
} from "./api/channels";
import { type ErrorBody, errorBodySchema } from "./errors";

/**
 * The acknowledgement of every client-to-server socket event, as in socket.io's CRUD example:
 * either `{ ok: true, data }` or `{ ok: false, error: { code, message } }`.
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Builds the zod schema of an acknowledgement carrying `data`. */
export function ackSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: errorBodySchema }),
  ]);
}

/**
 * Client-to-server events: each has a payload schema and an acknowledgement data schema.
 * The hub registers exactly these; a test checks that every one has a handler and a policy.
 */
export const clientEvents = {
  /** Round-trip check; the hub answers with the nonce and its clock. */
  "system:ping": {
    payload: z.object({ nonce: z.string().min(1).max(64) }).strict(),
    ack: z.object({ nonce: z.string(), serverTime: z.string() }),
  },
  /** Who this socket is authenticated as. */
  "session:whoami": {
    payload: z.object({}).strict(),
    ack: z.object({
      personId: z.uuid(),
      deviceId: z.uuid(),
      role: z.enum(["administrator", "coordinator", "focal_point", "auditor"]),
      country: z.string().nullable(),
    }),
  },
  /** Stores a message envelope (once per client message id), then pushes it to recipients. */
  "channel:send": { payload: sendMessagePayloadSchema, ack: sendMessageAckSchema },
  /** A page of stored messages after a sequence number or the device's cursor. */
  "channel:sync": { payload: syncPayloadSchema, ack: syncAckSchema },
  /** Moves the device's cursor in a channel forward. */
  "channel:ack": { payload: ackPayloadSchema, ack: ackAckSchema },
} as const;

export type ClientEventName = keyof typeof clientEvents;
export type ClientEventPayload<E extends ClientEventName> = z.infer<
  (typeof clientEvents)[E]["payload"]
>;
export type ClientEventAck<E extends ClientEventName> = z.infer<(typeof clientEvents)[E]["ack"]>;

/** Server-to-client events, each with its payload schema. */
export const serverEvents = {
  /** Sent when a client emits an event the hub cannot answer through an acknowledgement. */
  "system:error": errorBodySchema,
  /** Sent just before the hub cuts a socket whose session was revoked or expired. */
  "session:ended": errorBodySchema,
  /** A message stored in a channel the device's person reads. */
  "channel:message": messagePushSchema,
  /** A channel's members or epoch changed. */
  "channel:changed": channelChangedPushSchema,
} as const;

export type ServerEventName = keyof typeof serverEvents;

/** Socket.IO typing of client-to-server events, derived from {@link clientEvents}. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: ClientEventPayload<E>,
    ack: (response: Ack<ClientEventAck<E>>) => void,
  ) => void;
};

/** Socket.IO typing of server-to-client events, derived from {@link serverEvents}. */
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: z.infer<(typeof serverEvents)[E]>) => void;
};
