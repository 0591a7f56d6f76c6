import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "./executor";
import { enrolmentCodes } from "./schema";

export type EnrolmentCodeRow = typeof enrolmentCodes.$inferSelect;

export async function insertEnrolmentCode(
  db: Executor,
  code: typeof enrolmentCodes.$inferInsert,
): Promise<EnrolmentCodeRow> {
  const [row] = await db.insert(enrolmentCodes).values(code).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function findEnrolmentCode(
  db: Executor,
  codeHash: string,
): Promise<EnrolmentCodeRow | undefined> {
  const [row] = await db.select().from(enrolmentCodes).where(eq(enrolmentCodes.codeHash, codeHash));
  return row;
}

export async function setPendingTotpSecret(
  db: Executor,
  id: string,
  sealedSecret: string,
): Promise<void> {
  await db
    .update(enrolmentCodes)
    .set({ pendingTotpSecretEncrypted: sealedSecret })
    .where(and(eq(enrolmentCodes.id, id), isNull(enrolmentCodes.usedAt)));
}

/** Marks a code used if it is still unused and unexpired: of two redemptions, one wins. */
export async function consumeEnrolmentCode(
  db: Executor,
  id: string,
  now: Date,
): Promise<EnrolmentCodeRow | undefined> {
  const [row] = await db
    .update(enrolmentCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(enrolmentCodes.id, id),
        isNull(enrolmentCodes.usedAt),
        gt(enrolmentCodes.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

/** Ends every unused code of a kind for a person, when a new one replaces them. */
export async function retireEnrolmentCodes(
  db: Executor,
  personId: string,
  kind: EnrolmentCodeRow["kind"],
  now: Date,
): Promise<void> {
  await db
    .update(enrolmentCodes)
    .set({ expiresAt: now })
    .where(
      and(
        eq(enrolmentCodes.personId, personId),
        eq(enrolmentCodes.kind, kind),
        isNull(enrolmentCodes.usedAt),
        gt(enrolmentCodes.expiresAt, now),
      ),
    );
}

/** An unused, unexpired bootstrap code exists. */
export async function hasLiveBootstrapCode(db: Executor, now: Date): Promise<boolean> {
  const rows = await db
    .select({ id: enrolmentCodes.id })
    .from(enrolmentCodes)
    .where(
      and(
        eq(enrolmentCodes.kind, "bootstrap"),
        isNull(enrolmentCodes.usedAt),
        gt(enrolmentCodes.expiresAt, now),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Serialises bootstrap between hubs that start together on one PostgreSQL server. */
export async function lockBootstrap(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${0x72656c62})`);
}
