import type { Logger } from "pino";
import type { RateLimits } from "./abuse/rateLimits";
import type { Config } from "./config";
import type { SecretBox } from "./identity/secretKey";
import type { SessionControl } from "./identity/sessionControl";
import type { TransparencyLog } from "./log/index";
import type { Metrics } from "./metrics";
import type { Delivery } from "./realtime/delivery";
import type { Database } from "./store/database";
import type { HubIdentity } from "./store/hubMeta";

/** What route and event handlers may use: built once per hub and passed in, never global. */
export interface HubContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  readonly metrics: Metrics;
  readonly identity: HubIdentity;
  readonly version: string;
  /** Seals secrets kept at rest (TOTP secrets) under the hub's key. */
  readonly secrets: SecretBox;
  /** Ends sessions and cuts their sockets. */
  readonly sessions: SessionControl;
  /** Pushes stored messages and channel changes to the devices they concern. */
  readonly delivery: Delivery;
  readonly rateLimits: RateLimits;
  /** The transparency log: appends (in the caller's transaction), signed heads, proofs. */
  readonly log: TransparencyLog;
  /** The hub's clock; tests may replace it to move time. */
  readonly now: () => Date;
}
