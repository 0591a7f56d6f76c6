import type { Role } from "#shared/api/identity";
import type { ErrorCode } from "#shared/errors";

/** Who is acting: nobody yet, or an authenticated person on one of their devices. */
export type Actor = { readonly kind: "anonymous" } | AuthenticatedActor;

export type { Role };

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

/** Allows any authenticated person, whatever their role. */
export const authenticatedOnly: Policy<unknown> = (actor) =>
  actor.kind === "person" ? allow : deny("unauthenticated", "log in first");

/** Allows the listed roles only. */
export function rolesOnly(...roles: Role[]): Policy<unknown> {
  return (actor) => {
    if (actor.kind !== "person") return deny("unauthenticated", "log in first");
    return roles.includes(actor.role) ? allow : deny("forbidden", `requires ${roles.join(" or ")}`);
  };
}
