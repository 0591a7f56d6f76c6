import type { EventRegistry } from "../event";
import { whoami } from "./session";
import { ping } from "./system";

/** Every client event the hub answers. */
export const events: EventRegistry = {
  "system:ping": ping,
  "session:whoami": whoami,
};
