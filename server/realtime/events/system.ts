import { canReadSystemStatus } from "../../policies/system";
import type { EventDefinition } from "../event";

export const ping: EventDefinition<"system:ping"> = {
  policy: canReadSystemStatus,
  handler: async ({ payload, hub }) => ({
    nonce: payload.nonce,
    serverTime: hub.now().toISOString(),
  }),
};
