import type { PersonView } from "#shared/api/identity";
import type { ReminderView } from "#shared/api/register";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { personSearchScope } from "../../policies/register";
import { presentPerson } from "../../presenters/identity";
import { presentReminder } from "../../presenters/register";
import { searchPersonsByName } from "../../store/registerPersons";
import { listRemindersOf } from "../../store/registerReminders";

/** Persons whose name contains `name`, within what the actor may see (a coordinator's country). */
export async function searchPersons(
  hub: HubContext,
  actor: AuthenticatedActor,
  name: string | undefined,
): Promise<PersonView[]> {
  const scope = personSearchScope(actor);
  if (!scope) throw new AppError("forbidden", "Persons' details are not yours to see.");
  const rows = await searchPersonsByName(hub.database.db, { name, ...scope });
  return rows.map(presentPerson);
}

/** My reminders about stale or vacant posts, newest first. */
export async function listMyReminders(
  hub: HubContext,
  actor: AuthenticatedActor,
  includeResolved: boolean,
): Promise<ReminderView[]> {
  const rows = await listRemindersOf(hub.database.db, actor.personId, { includeResolved });
  return rows.map(presentReminder);
}
