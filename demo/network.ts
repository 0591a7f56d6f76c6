import type { PostView } from "#client/core/registerClient";
import { networkPlan, type PlannedCountry, type PostKey } from "./networkPlan.ts";
import { type DemoPerson, enrolPerson } from "./people.ts";
import { check } from "./steps.ts";

/** A post of the demo and the focal point holding it. */
export interface HeldPost {
  readonly post: PostView;
  readonly holder: DemoPerson;
}

/** The national coordinators, by country code. */
export type Coordinators = Readonly<Record<PlannedCountry["code"], DemoPerson>>;

/** The focal points, by the post each will hold. */
export type FocalPoints = Readonly<Record<PostKey, DemoPerson>>;

/** The administrator enrols one national coordinator per country. */
export async function enrolCoordinators(hubUrl: string, admin: DemoPerson): Promise<Coordinators> {
  const enrolled: Partial<Record<PlannedCountry["code"], DemoPerson>> = {};
  for (const country of networkPlan) {
    enrolled[country.code] = await enrolPerson(hubUrl, admin, {
      ...country.coordinator,
      role: "coordinator",
      country: country.code,
    });
  }
  return enrolled as Coordinators;
}

/**
 * Each coordinator enrols the focal points of their own country (a coordinator may enrol no
 * one else) and approves their devices; countries proceed side by side.
 */
export async function enrolFocalPoints(
  hubUrl: string,
  coordinators: Coordinators,
): Promise<FocalPoints> {
  const enrolled: Partial<Record<PostKey, DemoPerson>> = {};
  await Promise.all(
    networkPlan.map(async (country) => {
      for (const organisation of country.organisations) {
        for (const planned of organisation.posts) {
          enrolled[planned.key] = await enrolPerson(hubUrl, coordinators[country.code], {
            ...planned.holder,
            role: "focal_point",
            country: country.code,
          });
        }
      }
    }),
  );
  return enrolled as FocalPoints;
}

/**
 * Each coordinator registers their country's organisations and posts (`post-created`, signed
 * by the coordinator's device) and assigns the focal points as holders (`assignment-started`).
 */
export async function registerPosts(
  coordinators: Coordinators,
  focalPoints: FocalPoints,
): Promise<Record<PostKey, HeldPost>> {
  const posts: Partial<Record<PostKey, HeldPost>> = {};
  for (const country of networkPlan) {
    const coordinator = coordinators[country.code];
    const register = coordinator.client.register;
    for (const planned of country.organisations) {
      const organisation = await register.createOrganisation({
        country: country.code,
        name: planned.name,
        kind: planned.kind,
      });
      for (const plannedPost of planned.posts) {
        const created = await register.createPost(
          {
            organisationId: organisation.id,
            country: country.code,
            title: plannedPost.title,
            thematicAreas: [...plannedPost.thematicAreas],
            workingLanguages: [...country.workingLanguages],
            contactChannels: [...plannedPost.contactChannels],
            timeZone: country.timeZone,
          },
          coordinator.keys,
        );
        const holder = focalPoints[plannedPost.key];
        await register.assign(
          created.id,
          { personId: holder.person.id, role: "holder", reason: "Designated by the coordinator" },
          coordinator.keys,
        );
        const post = await register.post(created.id);
        check(
          post.holder?.personId === holder.person.id,
          `${post.title} does not show ${holder.person.displayName} as its holder`,
        );
        posts[plannedPost.key] = { post, holder };
      }
    }
  }
  return posts as Record<PostKey, HeldPost>;
}
