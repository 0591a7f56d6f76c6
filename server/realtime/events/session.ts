import { authenticatedOnly } from "../../policies/actor";
import type { EventDefinition } from "../event";

export const whoami: EventDefinition<"session:whoami"> = {
  policy: authenticatedOnly,
  handler: async ({ actor }) => {
    if (actor.kind !== "person") throw new Error("unreachable: the policy admits persons only");
    return {
      personId: actor.personId,
      deviceId: actor.deviceId,
      role: actor.role,
      country: actor.country,
    };
  },
};
