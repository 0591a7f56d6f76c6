import type { IncomingHttpHeaders } from "node:http";
import { parse as parseCookie } from "cookie";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import { type Actor, anonymous } from "../policies/actor";
import { findSessionByTokenHash } from "../store/sessions";
import { hashToken } from "./tokens";

/** The browser session cookie: httpOnly, SameSite=Strict, Secure under TLS. */
export const SESSION_COOKIE = "relais_session";

/** Who a request or handshake is, and why not when it presented a token that failed. */
export interface AuthResult {
  actor: Actor;
  /** Set when a token was presented but is not valid; routes that need a session throw it. */
  problem?: AppError;
  /** When the session ends, for sockets to disconnect on time. */
  expiresAt?: Date;
}

/** The session token of a request: `Authorization: Bearer`, else the session cookie. */
export function sessionToken(
  headers: IncomingHttpHeaders,
  handshakeToken?: unknown,
): string | undefined {
  if (typeof handshakeToken === "string" && handshakeToken.length > 0) return handshakeToken;
  const authorization = headers.authorization;
  if (authorization?.startsWith("Bearer ")) return authorization.slice(7).trim() || undefined;
  const cookies = headers.cookie ? parseCookie(headers.cookie) : {};
  return cookies[SESSION_COOKIE] || undefined;
}

/**
 * Resolves a session token to the acting person and device, refusing revoked or expired
 * sessions, revoked devices and suspended persons, each with its own code.
 */
export async function resolveSession(
  hub: HubContext,
  token: string | undefined,
): Promise<AuthResult> {
  if (!token) return { actor: anonymous };
  const found = await findSessionByTokenHash(hub.database.db, hashToken(token));
  const fail = (
    code:
      | "unauthenticated"
      | "session_revoked"
      | "session_expired"
      | "device_revoked"
      | "person_suspended",
    message: string,
  ) => ({
    actor: anonymous,
    problem: new AppError(code, message),
  });
  if (!found) return fail("unauthenticated", "Log in first.");
  const { session, person, device } = found;
  if (session.revokedAt) {
    const reason = session.revokedReason;
    if (reason === "device_revoked") return fail("device_revoked", "This device was revoked.");
    if (reason === "person_suspended")
      return fail("person_suspended", "This account is suspended.");
    return fail("session_revoked", "This session was ended.");
  }
  if (session.expiresAt <= hub.now())
    return fail("session_expired", "The session has expired; log in again.");
  if (device.status !== "active") return fail("device_revoked", "This device was revoked.");
  if (person.status !== "active") return fail("person_suspended", "This account is suspended.");
  return {
    actor: {
      kind: "person",
      personId: person.id,
      role: person.role,
      country: person.country,
      deviceId: device.id,
      sessionId: session.id,
    },
    expiresAt: session.expiresAt,
  };
}
