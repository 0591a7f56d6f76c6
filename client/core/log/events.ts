import type { SignedTreeHead } from "#shared/api/log";
import type { SecurityAlert } from "./securityAlert.ts";

/** The events of a `LogVerifier`, by name, with their handler's signature. */
export interface LogVerifierEvents {
  /** The hub was caught misbehaving; the alert is already stored. Show it loudly. */
  "security-alert": (alert: SecurityAlert) => void;
  /** A newer tree head passed every check and is now the accepted head. */
  "head-accepted": (head: SignedTreeHead) => void;
}

type Handler = (...args: never[]) => void;

/** A minimal typed event emitter: `on` returns the function that unsubscribes. */
export class TypedEmitter<Events extends { [K in keyof Events]: Handler }> {
  private readonly handlers = new Map<keyof Events, Set<Handler>>();

  /** Calls `handler` on every `event` until the returned function is called. */
  on<K extends keyof Events>(event: K, handler: Events[K]): () => void {
    let set = this.handlers.get(event);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  /** Calls the handlers of `event`; a throwing handler does not stop the others. */
  emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        (handler as (...params: Parameters<Events[K]>) => void)(...args);
      } catch {
        // A listener's bug must not hide the alert from the caller, who gets it thrown anyway.
      }
    }
  }
}
