import type { PostView } from "#shared/api/registerViews";
import type { Language } from "#shared/i18n/languages";
import { type MlaAuthority, type MlaRequest, mlaRequestSchema } from "#shared/mla/request";
import { mlaRequestSkeleton } from "#shared/mla/skeleton";

/**
 * A draft request in the composer: the shared request itself, which accepts empty texts and
 * lists, so that the completeness check can run on every keystroke and say what is missing.
 */
export function emptyDraft(language: Language, now: Date): MlaRequest {
  return mlaRequestSchema.parse(
    mlaRequestSkeleton({ requestId: globalThis.crypto.randomUUID(), now, language }),
  );
}

/** The authority of a post of the register: the post, its country, organisation and title. */
export function authorityOf(post: PostView | undefined): MlaAuthority {
  if (post === undefined) {
    return { postId: null, country: null, organisation: "", title: "", acceptedLanguages: [] };
  }
  return {
    postId: post.id,
    country: post.country,
    organisation: post.organisation.name,
    title: post.title,
    // The post's working languages are the languages its holder reads a request in.
    acceptedLanguages: post.workingLanguages.filter((code) => /^[a-z]{2}$/.test(code)),
  };
}

/** "P1, P2" as a list of local references, without blanks or repeats. */
export function parseRefs(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\s]+/)
        .map((ref) => ref.trim())
        .filter(Boolean),
    ),
  ];
}

/** Optional text: absent when blank, as the request schema expects. */
export function optional(text: string): string | undefined {
  return text.trim() === "" ? undefined : text;
}

/**
 * A draft restored from the browser's storage, laid over an empty one so that a field the
 * composer gained since it was saved is present. The stored draft was sealed by this device's own
 * key, so it is the composer's own earlier state, not foreign input: hence the cast.
 */
export function restoredDraft(
  kept: Readonly<Record<string, unknown>>,
  language: Language,
  now: Date,
): MlaRequest {
  return { ...emptyDraft(language, now), ...kept } as MlaRequest;
}
