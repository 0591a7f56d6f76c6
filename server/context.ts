import type { Logger } from "pino";
import type { Config } from "./config";
import type { Metrics } from "./metrics";
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
  /** The hub's clock; tests may replace it to move time. */
  readonly now: () => Date;
}
