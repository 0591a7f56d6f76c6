import type { PersonView } from "#shared/api/identity";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { personSearchScope } from "../../policies/register";
import { presentPerson } from "../../presenters/identity";
import { searchPersonsByName } from "../../store/registerPersons";

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
