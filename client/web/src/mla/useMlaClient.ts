import { useMemo } from "preact/hooks";
import { MlaClient } from "#client/core/mla/mlaClient";
import { useSession } from "../app/session.ts";
import type { LiveChannels } from "../messaging/liveChannels.ts";

/**
 * The SDK's MLA client on the session's live channels: requests travel encrypted in their own
 * channel and transitions are signed by this device, so it needs the unlocked keys.
 */
export function useMlaClient(live: LiveChannels | null): MlaClient | null {
  const { client, keys } = useSession();
  return useMemo(
    () =>
      live === null || keys === null
        ? null
        : new MlaClient({
            hub: client,
            channels: live.channels,
            device: { deviceId: live.deviceId, keys },
          }),
    [client, live, keys],
  );
}
