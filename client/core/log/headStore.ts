import { z } from "zod";
import { base64urlSchema } from "#shared/api/common";
import { signedTreeHeadSchema } from "#shared/api/log";
import { securityAlertSchema } from "./securityAlert.ts";

/**
 * What a client remembers about one hub's log between runs: the log key pinned at first contact,
 * the last tree head it accepted, and every security alert not yet cleared by the user.
 */
export const hubLogStateSchema = z
  .object({
    /** Format version; bumped on any incompatible change. */
    v: z.literal(1),
    /** The hub's Ed25519 log key (base64url), pinned at first contact; null before it. */
    logKey: base64urlSchema.nullable(),
    /** The last tree head this client accepted; null before the first. */
    head: signedTreeHeadSchema.nullable(),
    /** Alerts stay until cleared explicitly; while any is stored, verification refuses to run. */
    alerts: z.array(securityAlertSchema),
  })
  .strict();
/** See {@link hubLogStateSchema}. */
export type HubLogState = z.infer<typeof hubLogStateSchema>;

/** The state of a hub never contacted. */
export function emptyHubLogState(): HubLogState {
  return { v: 1, logKey: null, head: null, alerts: [] };
}

/**
 * Where the accepted heads and the alerts persist, keyed by hub URL. Implementations must never
 * lose an alert silently: an unreadable store throws rather than reading as empty.
 */
export interface HeadStore {
  /** The stored state of `hubUrl`, or null if there is none. */
  load(hubUrl: string): Promise<HubLogState | null>;
  /** Replaces the stored state of `hubUrl`. */
  save(hubUrl: string, state: HubLogState): Promise<void>;
}

/** A {@link HeadStore} in memory: for the browser session, tests and one-shot tools. */
export class MemoryHeadStore implements HeadStore {
  private readonly states = new Map<string, HubLogState>();

  /** {@inheritDoc HeadStore.load} */
  async load(hubUrl: string): Promise<HubLogState | null> {
    const state = this.states.get(hubUrl);
    return state === undefined ? null : structuredClone(state);
  }

  /** {@inheritDoc HeadStore.save} */
  async save(hubUrl: string, state: HubLogState): Promise<void> {
    this.states.set(hubUrl, structuredClone(hubLogStateSchema.parse(state)));
  }
}
