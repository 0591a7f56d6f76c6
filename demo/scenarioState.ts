import type { AttachmentRef } from "#shared/channels/content";
import type { ChannelDevice } from "./devices.ts";
import type { DemoHub } from "./hubOnDisk.ts";
import type { DemoChannels, SentMessage } from "./messaging.ts";
import type { Coordinators, FocalPoints, HeldPost } from "./network.ts";
import type { PostKey } from "./networkPlan.ts";
import type { DemoPerson } from "./people.ts";
import { check } from "./steps.ts";

/** What the scenario is given. */
export interface ScenarioOptions {
  /** The hub's data directory: database, key files, hub.log. */
  readonly dataDir: string;
  /** The client side's own directory (log heads, the attachment's source file). */
  readonly clientDir: string;
  /** A string that goes into every message and the attachment, and nowhere in clear. */
  readonly canary: string;
  /** How many messages the offline device catches up on. */
  readonly catchUpCount: number;
}

/** The number of steps {@link runScenario} reports. */
export const SCENARIO_STEPS = 17;

/** The state steps hand on to the following ones. */
export interface ScenarioState {
  readonly options: ScenarioOptions;
  hub?: DemoHub;
  admin?: DemoPerson;
  coordinators?: Coordinators;
  focalPoints?: FocalPoints;
  posts?: Record<PostKey, HeldPost>;
  devices?: Record<PostKey, ChannelDevice>;
  channels?: DemoChannels;
  /** The messages sent before the handover, in order. */
  beforeHandover?: SentMessage[];
  /** The attachment sent in the group channel, and its bytes. */
  attachment?: { readonly ref: AttachmentRef; readonly bytes: Uint8Array };
  /** Every device connected, to close at the end. */
  readonly connected: ChannelDevice[];
}

/** Returns `value`, failing the step if an earlier step did not produce it. */
export function need<T>(value: T | undefined, what: string): T {
  check(value !== undefined, `${what} is missing: an earlier step failed`);
  return value;
}

/** The scenario's texts: each carries the canary, which must never reach the hub in clear. */
export function canaryText(canary: string, text: string): string {
  return `${text} [ref. ${canary}]`;
}
