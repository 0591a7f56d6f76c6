import { and, asc, eq, ilike, or } from "drizzle-orm";
import type { Executor } from "./executor";
import type { PersonRow } from "./persons";
import { persons } from "./schema";

/** `%` and `_` typed by a user match themselves, not any text. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Persons whose display name or username contains `name` (any case), at most 100. */
export function searchPersonsByName(
  db: Executor,
  filter: { name?: string; country?: string },
): Promise<PersonRow[]> {
  const pattern = filter.name ? likePattern(filter.name) : undefined;
  return db
    .select()
    .from(persons)
    .where(
      and(
        pattern
          ? or(ilike(persons.displayName, pattern), ilike(persons.username, pattern))
          : undefined,
        filter.country ? eq(persons.country, filter.country) : undefined,
      ),
    )
    .orderBy(asc(persons.displayName))
    .limit(100);
}
