import type { AlertRecipients } from "#shared/alerts/metadata";
import type { PostView } from "#shared/api/registerViews";
import type { RegisterClient } from "../registerClient.ts";
import type { AlertApi } from "./alertApi.ts";

/**
 * Resolves an alert's addressing into recipient posts, on the issuer's side: the named posts,
 * every post of the given countries (limited to the thematic areas when given, from the
 * register's directory) and the posts of the named distribution list; the issuer post is left
 * out, and each post counted once. The hub checks the result against the same addressing.
 */
export async function resolveAddressing(
  register: RegisterClient,
  api: AlertApi,
  addressing: AlertRecipients,
  issuerPostId: string,
): Promise<string[]> {
  const posts = new Set(addressing.posts ?? []);
  if (addressing.scope) {
    const areas = addressing.scope.thematicAreas;
    for (const country of addressing.scope.countries) {
      const found: PostView[] =
        areas === undefined
          ? await register.posts({ country })
          : (
              await Promise.all(
                areas.map((thematicArea) => register.posts({ country, thematicArea })),
              )
            ).flat();
      for (const post of found) posts.add(post.id);
    }
  }
  if (addressing.distributionListId) {
    const list = (await api.lists()).find((l) => l.listId === addressing.distributionListId);
    for (const postId of list?.postIds ?? []) posts.add(postId);
  }
  posts.delete(issuerPostId);
  return [...posts].sort();
}

/** The posts `personId` holds (as holder or interim), from the directory. */
export async function postsHeldBy(register: RegisterClient, personId: string): Promise<PostView[]> {
  return (await register.posts()).filter(
    (post) => post.holder?.personId === personId && post.holder.role !== "deputy",
  );
}
