import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { Executor } from "./executor";
import { devices, loginAttempts, persons, sessions } from "./schema";

export type SessionRow = typeof sessions.$inferSelect;
export type LoginAttemptRow = typeof loginAttempts.$inferSelect;

export async function insertSession(
  db: Executor,
  session: typeof sessions.$inferInsert,
): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(session).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** A session with its person and device, by token hash. */
export async function findSessionByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ session: sessions, person: persons, device: devices })
    .from(sessions)
    .innerJoin(persons, eq(sessions.personId, persons.id))
    .innerJoin(devices, eq(sessions.deviceId, devices.id))
    .where(eq(sessions.tokenHash, tokenHash));
  return row;
}

export async function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row;
}

/** Which live sessions to end: one session, a device's, or a person's (optionally but one). */
export interface SessionSelector {
  sessionId?: string;
  deviceId?: string;
  personId?: string;
  exceptSessionId?: string;
}

/** Revokes the live sessions matching the selector and returns their ids. */
export async function revokeSessions(
  db: Executor,
  selector: SessionSelector,
  reason: string,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        selector.sessionId ? eq(sessions.id, selector.sessionId) : undefined,
        selector.deviceId ? eq(sessions.deviceId, selector.deviceId) : undefined,
        selector.personId ? eq(sessions.personId, selector.personId) : undefined,
        selector.exceptSessionId ? ne(sessions.id, selector.exceptSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}

export async function insertLoginAttempt(
  db: Executor,
  attempt: typeof loginAttempts.$inferInsert,
): Promise<LoginAttemptRow> {
  const [row] = await db.insert(loginAttempts).values(attempt).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function findLoginAttempt(
  db: Executor,
  id: string,
): Promise<LoginAttemptRow | undefined> {
  const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.id, id));
  return row;
}

/** Moves a live login attempt from one stage to the next; undefined if it was not there. */
export async function advanceLoginAttempt(
  db: Executor,
  id: string,
  from: LoginAttemptRow["stage"],
  to: LoginAttemptRow["stage"],
  now: Date,
  challenge?: string,
): Promise<LoginAttemptRow | undefined> {
  const [row] = await db
    .update(loginAttempts)
    .set({ stage: to, ...(challenge === undefined ? {} : { challenge }) })
    .where(
      and(
        eq(loginAttempts.id, id),
        eq(loginAttempts.stage, from),
        gt(loginAttempts.expiresAt, now),
      ),
    )
    .returning();
  return row;
}
