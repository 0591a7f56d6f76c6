import { describeIssues } from "#shared/errors";
import type { Ack, ClientEventName } from "#shared/events";
import { clientEvents } from "#shared/events";
import type { HubContext } from "../context";
import { AppError, internalErrorBody } from "../errors";
import { safeError } from "../logger";
import type { EventDefinition, EventRegistry, HubSocket } from "./event";

type AckFn = (response: Ack<unknown>) => void;

function failure(error: AppError): Ack<never> {
  return { ok: false, error: error.toBody() };
}

/** Runs one event: parse with the shared schema, authorize, handle; always answers the ack. */
async function runEvent(
  name: ClientEventName,
  definition: EventDefinition<ClientEventName>,
  raw: unknown,
  socket: HubSocket,
  hub: HubContext,
): Promise<Ack<unknown>> {
  const actor = socket.data.actor;
  if (actor.kind === "person") {
    const verdict = await hub.rateLimits.consumeSocketEvent(actor.deviceId);
    if (verdict !== "ok") {
      // A sustained flood ends the connection; the device may reconnect once it calms down.
      if (verdict === "disconnect") setImmediate(() => socket.disconnect(true));
      return failure(new AppError("rate_limited", "Too many events; slow down."));
    }
  }
  const parsed = clientEvents[name].payload.safeParse(raw);
  if (!parsed.success) {
    return failure(
      new AppError(
        "validation_failed",
        `Invalid payload for ${name}.`,
        describeIssues(parsed.error.issues),
      ),
    );
  }
  const decision = definition.policy(actor, parsed.data);
  if (!decision.allowed) return failure(new AppError(decision.code, "This action is not allowed."));
  try {
    return {
      ok: true,
      data: await definition.handler({ payload: parsed.data, actor, hub, socket }),
    };
  } catch (error) {
    if (error instanceof AppError) return failure(error);
    hub.logger.error({ event: name, error: safeError(error) }, "socket handler failed");
    return { ok: false, error: internalErrorBody };
  }
}

/**
 * The listener of every client event, shared by all sockets (Socket.IO calls an "any" listener
 * with the socket as `this`): one function per hub rather than a closure per event and socket,
 * since idle sockets are the hub's largest population. A payload that fails its schema never
 * reaches the handler; an event without an acknowledgement callback is refused with a
 * `system:error`, and an unknown event is answered with `unknown_event`.
 */
export function eventDispatcher(
  registry: EventRegistry,
  hub: HubContext,
): (this: HubSocket, event: string, ...args: unknown[]) => void {
  const known = new Map<string, EventDefinition<ClientEventName>>(
    (Object.keys(clientEvents) as ClientEventName[]).map((name) => [
      name,
      registry[name] as EventDefinition<ClientEventName>,
    ]),
  );
  return function dispatch(this: HubSocket, event: string, ...args: unknown[]): void {
    const definition = known.get(event);
    const ack = args.at(-1);
    if (definition === undefined) {
      const error = new AppError("unknown_event", "Unknown event.").toBody();
      if (typeof ack === "function") (ack as AckFn)({ ok: false, error });
      else this.emit("system:error", error);
      return;
    }
    if (typeof ack !== "function") {
      this.emit(
        "system:error",
        new AppError("ack_required", `${event} needs an acknowledgement callback.`).toBody(),
      );
      return;
    }
    if (args.length !== 2) {
      // One payload, then the callback: anything else is answered, never left waiting.
      const error = new AppError("validation_failed", `${event} takes one payload.`).toBody();
      (ack as AckFn)({ ok: false, error });
      return;
    }
    void runEvent(event as ClientEventName, definition, args[0], this, hub).then((response) =>
      (ack as AckFn)(response),
    );
  };
}
