import { and, arrayContains, asc, eq, inArray } from "drizzle-orm";
import type { ThematicArea } from "#shared/api/registerVocabulary";
import type { Executor } from "./executor";
import type { OrganisationRow } from "./registerOrganisations";
import { organisations, posts } from "./schema";

export type PostRow = typeof posts.$inferSelect;
export type NewPost = typeof posts.$inferInsert;

/** A post with the organisation it belongs to. */
export interface PostWithOrganisation {
  post: PostRow;
  organisation: OrganisationRow;
}

/** What the directory can be narrowed to in SQL; stale and vacant are computed afterwards. */
export interface PostFilter {
  ids?: readonly string[];
  country?: string;
  organisationId?: string;
  thematicArea?: ThematicArea;
  language?: string;
}

export async function insertPost(db: Executor, post: NewPost): Promise<PostRow> {
  const [row] = await db.insert(posts).values(post).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function findPost(db: Executor, id: string): Promise<PostRow | undefined> {
  const [row] = await db.select().from(posts).where(eq(posts.id, id));
  return row;
}

/** The post of this title in this organisation (titles are unique per organisation). */
export async function findPostByTitle(
  db: Executor,
  organisationId: string,
  title: string,
): Promise<PostRow | undefined> {
  const [row] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.organisationId, organisationId), eq(posts.title, title)));
  return row;
}

/** Posts with their organisations, by country, organisation and title. */
export function listPostsWithOrganisation(
  db: Executor,
  filter: PostFilter,
): Promise<PostWithOrganisation[]> {
  if (filter.ids && filter.ids.length === 0) return Promise.resolve([]);
  return db
    .select({ post: posts, organisation: organisations })
    .from(posts)
    .innerJoin(organisations, eq(organisations.id, posts.organisationId))
    .where(
      and(
        filter.ids ? inArray(posts.id, [...filter.ids]) : undefined,
        filter.country ? eq(posts.country, filter.country) : undefined,
        filter.organisationId ? eq(posts.organisationId, filter.organisationId) : undefined,
        filter.thematicArea ? arrayContains(posts.thematicAreas, [filter.thematicArea]) : undefined,
        filter.language ? arrayContains(posts.workingLanguages, [filter.language]) : undefined,
      ),
    )
    .orderBy(asc(posts.country), asc(organisations.name), asc(posts.title));
}

/** Replaces some columns of a post; undefined when it does not exist. */
export async function updatePost(
  db: Executor,
  id: string,
  changes: Partial<
    Pick<
      PostRow,
      | "title"
      | "thematicAreas"
      | "workingLanguages"
      | "contactChannels"
      | "timeZone"
      | "deputyPostId"
      | "confirmedAt"
      | "confirmedBy"
    >
  > & { updatedAt?: Date },
): Promise<PostRow | undefined> {
  const [row] = await db.update(posts).set(changes).where(eq(posts.id, id)).returning();
  return row;
}
