import type { EventRegistry } from "../event";
import { ping } from "./system";

/** Every client event the hub answers. */
export const events: EventRegistry = {
  "system:ping": ping,
};
