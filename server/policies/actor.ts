import type { ErrorCode } from "#shared/errors";

/** Who is acting: nobody yet, or an authenticated person on one of their devices. */
export type Actor = { readonly kind: "anonymous" } | AuthenticatedActor;

/** The roles of DESIGN.md §6. */
export type Role = "administrator" | "coordinator" | "focal_point" | "auditor";

export interface AuthenticatedActor {
  readonly kind: "person";
  readonly personId: string;
  readonly role: Role;
  /** The ISO 3166-1 country a coordinator or focal point belongs to. */
  readonly country: string | null;
  readonly deviceId: string;
  readonly sessionId: string;
}

export const anonymous: Actor = Object.freeze({ kind: "anonymous" });

/** The outcome of a policy: allowed, or denied with the code the client receives. */
export type Decision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly code: Extract<ErrorCode, "unauthenticated" | "forbidden">;
      readonly reason: string;
    };

/** A pure authorization rule: same actor and input, same decision; no I/O. */
export type Policy<Input> = (actor: Actor, input: Input) => Decision;

export const allow: Decision = Object.freeze({ allowed: true });

export function deny(code: "unauthenticated" | "forbidden", reason: string): Decision {
  return { allowed: false, code, reason };
}
