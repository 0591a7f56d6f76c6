/**
 * The numbers behind every abuse limit. Durations are whole seconds because RateLimiterRedis
 * stores TTLs in seconds; tests pass lower values through {@link resolveRateLimitSettings}.
 */
export interface RateLimitSettings {
  /** Consecutive failed logins for one username from one IP; the last of them blocks the pair. */
  loginConsecutiveFailures: number;
  /** How long a failure keeps counting towards the consecutive limit when no success clears it. */
  loginConsecutiveWindowSeconds: number;
  /** How long a username+IP pair stays blocked once it reaches the limit. */
  loginConsecutiveBlockSeconds: number;
  /** Failed logins from one IP, whatever the username; the last of them blocks the IP. */
  loginFailuresPerIp: number;
  /** The window over which failed logins per IP are counted. */
  loginIpWindowSeconds: number;
  /** How long an IP stays blocked from logging in once it reaches the limit. */
  loginIpBlockSeconds: number;
  /** Enrolment-code attempts allowed from one IP per window; the next one is refused. */
  enrolmentAttemptsPerIp: number;
  /** The window over which enrolment attempts are counted. */
  enrolmentWindowSeconds: number;
  /** How long an IP may not try enrolment codes once over the limit. */
  enrolmentBlockSeconds: number;
  /** REST requests of one signed-in person per window. */
  restRequestsPerPerson: number;
  /** Anonymous REST requests from one IP per window. */
  restRequestsPerIp: number;
  /** The window of both REST limits. */
  restWindowSeconds: number;
  /** Socket events of one device per window before the burst allowance is used. */
  socketEvents: number;
  /** The window of {@link RateLimitSettings.socketEvents}. */
  socketEventWindowSeconds: number;
  /** Extra events a device may send above the steady rate, per burst window. */
  socketBurstEvents: number;
  /** The window over which the burst allowance refills. */
  socketBurstWindowSeconds: number;
  /** Limited events within the strike window after which the device is disconnected. */
  socketStrikesBeforeDisconnect: number;
  /** The window in which strikes add up. */
  socketStrikeWindowSeconds: number;
}

/** The limits of a production hub. */
export const defaultRateLimitSettings: Readonly<RateLimitSettings> = Object.freeze({
  loginConsecutiveFailures: 10,
  // The login-protection recipe keeps this counter for 90 days, but RateLimiterMemory expires
  // keys with setTimeout, which overflows past ~24.8 days and then drops the key after 1 ms.
  loginConsecutiveWindowSeconds: 14 * 24 * 3600,
  loginConsecutiveBlockSeconds: 3600,
  loginFailuresPerIp: 100,
  loginIpWindowSeconds: 24 * 3600,
  loginIpBlockSeconds: 24 * 3600,
  enrolmentAttemptsPerIp: 20,
  enrolmentWindowSeconds: 3600,
  enrolmentBlockSeconds: 3600,
  restRequestsPerPerson: 600,
  restRequestsPerIp: 300,
  restWindowSeconds: 60,
  socketEvents: 30,
  socketEventWindowSeconds: 1,
  socketBurstEvents: 60,
  socketBurstWindowSeconds: 10,
  socketStrikesBeforeDisconnect: 5,
  socketStrikeWindowSeconds: 10,
});

/** setTimeout's ceiling (2^31 - 1 ms), which the memory store (and Redis insurance) relies on. */
const maxTimerSeconds = Math.floor((2 ** 31 - 1) / 1000);

/**
 * Merges overrides into the defaults and refuses values the stores would silently mishandle:
 * non-integers (Redis TTLs are whole seconds), zero or negatives, and durations past the timer
 * ceiling. Throws a RangeError naming every bad setting.
 */
export function resolveRateLimitSettings(
  overrides: Partial<RateLimitSettings> = {},
): Readonly<RateLimitSettings> {
  const settings: RateLimitSettings = { ...defaultRateLimitSettings, ...overrides };
  const problems: string[] = [];
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a positive integer`);
    else if (name.endsWith("Seconds") && value > maxTimerSeconds)
      problems.push(`${name} must be at most ${maxTimerSeconds}`);
  }
  if (problems.length > 0) throw new RangeError(`Invalid rate limits: ${problems.join("; ")}.`);
  return Object.freeze(settings);
}
