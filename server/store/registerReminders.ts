import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "./executor";
import { persons, posts, reminders } from "./schema";

export type ReminderRow = typeof reminders.$inferSelect;

/** A reminder with the post it is about. */
export interface ReminderRecord {
  reminder: ReminderRow;
  postTitle: string;
  country: string;
}

/** Records a reminder unless the same one (recipient, post, kind, since) exists; true if new. */
export async function recordReminder(
  db: Executor,
  reminder: typeof reminders.$inferInsert,
): Promise<boolean> {
  const rows = await db
    .insert(reminders)
    .values(reminder)
    .onConflictDoNothing()
    .returning({ id: reminders.id });
  return rows.length === 1;
}

/** Marks the open reminders of one kind about a post as resolved. */
export async function resolveReminders(
  db: Executor,
  postId: string,
  kind: ReminderRow["kind"],
  at: Date,
): Promise<void> {
  await db
    .update(reminders)
    .set({ resolvedAt: at })
    .where(
      and(eq(reminders.postId, postId), eq(reminders.kind, kind), isNull(reminders.resolvedAt)),
    );
}

/** A person's reminders, newest first; open ones only unless asked. */
export function listRemindersOf(
  db: Executor,
  personId: string,
  options: { includeResolved: boolean },
): Promise<ReminderRecord[]> {
  return db
    .select({ reminder: reminders, postTitle: posts.title, country: posts.country })
    .from(reminders)
    .innerJoin(posts, eq(posts.id, reminders.postId))
    .where(
      and(
        eq(reminders.recipientPersonId, personId),
        options.includeResolved ? undefined : isNull(reminders.resolvedAt),
      ),
    )
    .orderBy(desc(reminders.createdAt));
}

/** The active coordinators of these countries, who are reminded of their posts. */
export function listActiveCoordinators(
  db: Executor,
  countries: readonly string[],
): Promise<{ id: string; country: string | null }[]> {
  if (countries.length === 0) return Promise.resolve([]);
  return db
    .select({ id: persons.id, country: persons.country })
    .from(persons)
    .where(
      and(
        eq(persons.role, "coordinator"),
        eq(persons.status, "active"),
        inArray(persons.country, [...countries]),
      ),
    );
}
