import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { DeviceKeys } from "#client/core/crypto/index";
import type { HubClient, Me } from "#client/core/hubClient";
import type { DeviceKeyRecord } from "../storage/deviceKeyRecord.ts";

/**
 * What every screen knows: the hub connection (a cookie session, so the token never reaches
 * scripts), the device enrolled in this browser, who is logged in and, once unlocked, the
 * device keys that sign the logged actions.
 */
export interface Session {
  readonly client: HubClient;
  /** The device enrolled in this browser for this hub (keys sealed), or null. */
  readonly device: DeviceKeyRecord | null;
  /** Who is logged in, or null. */
  readonly me: Me | null;
  /** The unlocked device keys, or null while they are locked. */
  readonly keys: DeviceKeys | null;
  /** Replaces the stored device (after an enrolment). */
  setDevice(device: DeviceKeyRecord): void;
  /** Records a login: who, and the keys that signed it. */
  loggedIn(me: Me, keys: DeviceKeys): void;
  /** Unlocks the keys of a session that outlived the page (a reload). */
  unlocked(keys: DeviceKeys): void;
  /** Wipes the unlocked keys from memory. */
  lock(): void;
  /** Ends the session on the hub and locks the keys. */
  logout(): Promise<void>;
  /** Reloads who is logged in (e.g. after the hub ended the session). */
  refreshMe(): Promise<void>;
}

/** The session of the running app. */
export const SessionContext = createContext<Session | null>(null);

/** The session; only inside the app's provider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside the session provider");
  return session;
}
