import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import type { Executor } from "./executor";
import { persons } from "./schema";

export type PersonRow = typeof persons.$inferSelect;
export type NewPerson = typeof persons.$inferInsert;

export async function insertPerson(db: Executor, person: NewPerson): Promise<PersonRow> {
  const [row] = await db.insert(persons).values(person).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function findPersonById(db: Executor, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.id, id));
  return row;
}

export async function findPersonByUsername(
  db: Executor,
  username: string,
): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.username, username));
  return row;
}

/** Everyone, or the people of one country, by username. */
export function listPersons(db: Executor, filter: { country?: string }): Promise<PersonRow[]> {
  return db
    .select()
    .from(persons)
    .where(filter.country ? eq(persons.country, filter.country) : undefined)
    .orderBy(asc(persons.username));
}

export async function hasActiveAdministrator(db: Executor): Promise<boolean> {
  const rows = await db
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.role, "administrator"), eq(persons.status, "active")))
    .limit(1);
  return rows.length > 0;
}

export async function updatePerson(
  db: Executor,
  id: string,
  changes: Partial<
    Pick<PersonRow, "status" | "passwordHash" | "totpSecretEncrypted" | "totpLastStep">
  > & {
    updatedAt: Date;
  },
): Promise<PersonRow | undefined> {
  const [row] = await db.update(persons).set(changes).where(eq(persons.id, id)).returning();
  return row;
}

/**
 * Records an accepted TOTP step, only if it is newer than the last one: of two concurrent
 * logins with the same code, exactly one wins.
 */
export async function advanceTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
  const rows = await db
    .update(persons)
    .set({ totpLastStep: step })
    .where(
      and(eq(persons.id, id), or(isNull(persons.totpLastStep), lt(persons.totpLastStep, step))),
    )
    .returning({ id: persons.id });
  return rows.length === 1;
}
