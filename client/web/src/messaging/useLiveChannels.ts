import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { LiveChannels } from "./liveChannels.ts";

/** The live channels of the session; null while logged out or while the keys are locked. */
export const LiveChannelsContext = createContext<LiveChannels | null>(null);

/** The live channels, re-rendering the caller on every change; null when unavailable. */
export function useLiveChannels(): LiveChannels | null {
  const live = useContext(LiveChannelsContext);
  const [, setTick] = useState(0);
  useEffect(() => live?.subscribe(() => setTick((tick) => tick + 1)), [live]);
  return live;
}
