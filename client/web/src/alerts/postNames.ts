import type { PostView } from "#shared/api/registerViews";
import { countryName } from "../i18n/format.ts";

/** How the alert screens name posts and people, from the register's directory. */
export interface Directory {
  /** A post as "title (country)", or a short id when the directory does not list it. */
  post(postId: string): string;
  /** The display name of a post holder, or a short id. */
  person(personId: string): string;
}

/** The directory of the posts the register lists. */
export function directoryOf(posts: readonly PostView[]): Directory {
  const byId = new Map(posts.map((post) => [post.id, post]));
  return {
    post: (postId) => {
      const post = byId.get(postId);
      return post ? `${post.title} (${countryName(post.country)})` : postId.slice(0, 8);
    },
    person: (personId) =>
      posts.find((post) => post.holder?.personId === personId)?.holder?.displayName ??
      personId.slice(0, 8),
  };
}
