/**
 * Whether a post acts for its country's central authority for mutual legal assistance, the only
 * kind of post an MLA request may be addressed to: a post of a `central_authority_mla`
 * organisation, or one the register designates for MLA (thematic area `mla`, for countries
 * whose central authority works through a designated focal point).
 */
export function actsForCentralAuthority(post: {
  readonly organisationKind: string | undefined;
  readonly thematicAreas: readonly string[];
}): boolean {
  return post.organisationKind === "central_authority_mla" || post.thematicAreas.includes("mla");
}
