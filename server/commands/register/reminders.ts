import type { ReminderView } from "#shared/api/register";
import type { HubContext } from "../../context";
import type { AuthenticatedActor } from "../../policies/actor";
import { presentReminder } from "../../presenters/register";
import { listRemindersOf } from "../../store/registerReminders";

/** My reminders about stale or vacant posts, newest first. */
export async function listMyReminders(
  hub: HubContext,
  actor: AuthenticatedActor,
  includeResolved: boolean,
): Promise<ReminderView[]> {
  const rows = await listRemindersOf(hub.database.db, actor.personId, { includeResolved });
  return rows.map(presentReminder);
}
