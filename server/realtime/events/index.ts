import type { EventRegistry } from "../event";
import { ack, send, sync } from "./channels";
import { whoami } from "./session";
import { ping } from "./system";

/** Every client event the hub answers. */
export const events: EventRegistry = {
  "system:ping": ping,
  "session:whoami": whoami,
  "channel:send": send,
  "channel:sync": sync,
  "channel:ack": ack,
};
