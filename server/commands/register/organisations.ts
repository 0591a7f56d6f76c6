import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type {
  countryViewSchema,
  createOrganisationBodySchema,
  OrganisationView,
  organisationsQuerySchema,
  updateOrganisationBodySchema,
} from "#shared/api/register";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { canManageCountry } from "../../policies/register";
import { presentOrganisation } from "../../presenters/register";
import {
  countRegisterByCountry,
  findOrganisation,
  findOrganisationByName,
  insertOrganisation,
  listOrganisations,
  updateOrganisation,
} from "../../store/registerOrganisations";
import { enforce } from "./postRecords";

const countryNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** Creates an organisation; its name must be new in its country. */
export async function createOrganisation(
  hub: HubContext,
  actor: AuthenticatedActor,
  body: z.infer<typeof createOrganisationBodySchema>,
): Promise<OrganisationView> {
  enforce(canManageCountry(actor, body.country), "This country is outside your authority.");
  if (await findOrganisationByName(hub.database.db, body.country, body.name)) {
    throw new AppError("conflict", "An organisation of this name exists in this country.");
  }
  const now = hub.now();
  const row = await insertOrganisation(hub.database.db, {
    id: randomUUID(),
    ...body,
    createdBy: actor.personId,
    createdAt: now,
    updatedAt: now,
  });
  return presentOrganisation(row);
}

/** Renames an organisation or changes its kind; its country never changes. */
export async function changeOrganisation(
  hub: HubContext,
  actor: AuthenticatedActor,
  organisationId: string | null,
  body: z.infer<typeof updateOrganisationBodySchema>,
): Promise<OrganisationView> {
  const organisation = organisationId
    ? await findOrganisation(hub.database.db, organisationId)
    : undefined;
  if (!organisation) throw new AppError("not_found", "No such organisation.");
  enforce(canManageCountry(actor, organisation.country), "This country is outside your authority.");
  if (body.name && body.name !== organisation.name) {
    if (await findOrganisationByName(hub.database.db, organisation.country, body.name)) {
      throw new AppError("conflict", "An organisation of this name exists in this country.");
    }
  }
  const row = await updateOrganisation(hub.database.db, organisation.id, {
    ...body,
    updatedAt: hub.now(),
  });
  if (!row) throw new AppError("not_found", "No such organisation.");
  return presentOrganisation(row);
}

/** Organisations by country and name, everyone signed in may list them. */
export async function listRegisterOrganisations(
  hub: HubContext,
  query: z.infer<typeof organisationsQuerySchema>,
): Promise<OrganisationView[]> {
  return (await listOrganisations(hub.database.db, query)).map(presentOrganisation);
}

/** The countries that have organisations in the register, with their English names. */
export async function listRegisterCountries(
  hub: HubContext,
): Promise<z.infer<typeof countryViewSchema>[]> {
  const counts = await countRegisterByCountry(hub.database.db);
  return counts.map((row) => ({
    code: row.country,
    name: countryNames.of(row.country) ?? row.country,
    organisations: row.organisations,
    posts: row.posts,
  }));
}
