import { and, asc, count, eq } from "drizzle-orm";
import type { Executor } from "./executor";
import { organisations, posts } from "./schema";

export type OrganisationRow = typeof organisations.$inferSelect;

export async function insertOrganisation(
  db: Executor,
  organisation: typeof organisations.$inferInsert,
): Promise<OrganisationRow> {
  const [row] = await db.insert(organisations).values(organisation).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function findOrganisation(
  db: Executor,
  id: string,
): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

/** The organisation of this name in this country (names are unique per country). */
export async function findOrganisationByName(
  db: Executor,
  country: string,
  name: string,
): Promise<OrganisationRow | undefined> {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.country, country), eq(organisations.name, name)));
  return row;
}

/** Renames an organisation or changes its kind; undefined when it does not exist. */
export async function updateOrganisation(
  db: Executor,
  id: string,
  changes: Partial<Pick<OrganisationRow, "name" | "kind">> & { updatedAt: Date },
): Promise<OrganisationRow | undefined> {
  const [row] = await db
    .update(organisations)
    .set(changes)
    .where(eq(organisations.id, id))
    .returning();
  return row;
}

/** Organisations by country and name, optionally of one country or kind. */
export function listOrganisations(
  db: Executor,
  filter: { country?: string; kind?: OrganisationRow["kind"] },
): Promise<OrganisationRow[]> {
  return db
    .select()
    .from(organisations)
    .where(
      and(
        filter.country ? eq(organisations.country, filter.country) : undefined,
        filter.kind ? eq(organisations.kind, filter.kind) : undefined,
      ),
    )
    .orderBy(asc(organisations.country), asc(organisations.name));
}

/** Each country of the register with its number of organisations and posts. */
export async function countRegisterByCountry(
  db: Executor,
): Promise<{ country: string; organisations: number; posts: number }[]> {
  const organisationCounts = await db
    .select({ country: organisations.country, total: count() })
    .from(organisations)
    .groupBy(organisations.country);
  const postCounts = await db
    .select({ country: posts.country, total: count() })
    .from(posts)
    .groupBy(posts.country);
  const postsByCountry = new Map(postCounts.map((row) => [row.country, Number(row.total)]));
  return organisationCounts
    .map((row) => ({
      country: row.country,
      organisations: Number(row.total),
      posts: postsByCountry.get(row.country) ?? 0,
    }))
    .sort((a, b) => a.country.localeCompare(b.country));
}
