import { z } from "zod";
import type { AlertMetadata } from "./metadata.ts";
import type { PermissionDecision } from "./thread.ts";
import type { PermissionPurpose } from "./vocabulary.ts";

/**
 * What TLP 2.0 and the handling code imply for who may receive an alert and what a recipient
 * may do with it. Pure functions over the hub-visible metadata, so the client (before it sends
 * or forwards) and the hub (when it routes) apply the same rules. See docs/alerts.md.
 */

/** Stable codes of the reasons a rule refuses; clients translate and branch on them. */
export const alertRuleCodeSchema = z.enum([
  "red_requires_named_posts",
  "red_forbids_scope",
  "red_forbids_distribution_list",
  "red_forbids_forwarding",
  "amber_strict_outside_recipient_organisations",
  "forwarding_requires_permission",
  "judicial_use_requires_permission",
]);
export type AlertRuleCode = z.infer<typeof alertRuleCodeSchema>;

/** Why a rule refuses, with the metadata field concerned when there is one. */
export interface AlertRuleReason {
  readonly code: AlertRuleCode;
  readonly message: string;
  readonly path?: string;
}

/** A rule's answer. */
export type AlertRuleVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reasons: readonly AlertRuleReason[] };

/** A post as the rules need it: its id and its organisation (from the register). */
export interface PostRef {
  readonly postId: string;
  readonly organisationId: string;
}

function verdict(reasons: readonly AlertRuleReason[]): AlertRuleVerdict {
  return reasons.length === 0 ? { allowed: true } : { allowed: false, reasons };
}

/**
 * Whether the addressing fits the TLP: a TLP:RED alert is for the eyes of individual recipients
 * only, so it goes to named posts and never to whole countries, areas or distribution lists,
 * whose membership changes without the issuer choosing each reader.
 */
export function checkAddressing(metadata: AlertMetadata): AlertRuleVerdict {
  if (metadata.tlp !== "RED") return { allowed: true };
  const { recipients } = metadata;
  const reasons: AlertRuleReason[] = [];
  if ((recipients.posts?.length ?? 0) === 0) {
    reasons.push({
      code: "red_requires_named_posts",
      message: "a TLP:RED alert must be addressed to named posts",
      path: "recipients.posts",
    });
  }
  if (recipients.scope !== undefined) {
    reasons.push({
      code: "red_forbids_scope",
      message: "a TLP:RED alert cannot be addressed to countries or thematic areas",
      path: "recipients.scope",
    });
  }
  if (recipients.distributionListId !== undefined) {
    reasons.push({
      code: "red_forbids_distribution_list",
      message: "a TLP:RED alert cannot be addressed to a distribution list",
      path: "recipients.distributionListId",
    });
  }
  return verdict(reasons);
}

/** The handling codes under which forwarding needs the originator's permission. */
export const handlingCodesRequiringForwardingPermission: ReadonlySet<AlertMetadata["handling"]> =
  new Set(["H2", "H3"]);

/** The handling codes under which judicial use needs the originator's permission. */
export const handlingCodesRequiringJudicialPermission: ReadonlySet<AlertMetadata["handling"]> =
  new Set(["H1", "H2", "H3"]);

/** A forwarding a recipient wants to make. */
export interface ForwardingRequest {
  readonly metadata: AlertMetadata;
  /** The recipient post that forwards. */
  readonly from: PostRef;
  /** The post it would go to. */
  readonly to: PostRef;
  /** The posts the alert was delivered to (named, by scope or by list), with their organisations. */
  readonly recipientPosts: readonly PostRef[];
  /** The originator's permission decisions the forwarder holds. */
  readonly permissions: readonly PermissionDecision[];
  /** Now (permissions can expire). */
  readonly at: Date;
}

/**
 * Whether `from` may forward the alert to `to`: never under TLP:RED; under TLP:AMBER+STRICT only
 * to a post of one of the recipient organisations; under H2 and H3 only with the originator's
 * permission for this forwarding. A permission lifts the handling restriction, not the TLP's:
 * an originator who wants a wider audience re-issues the alert with another label.
 */
export function checkForwarding(request: ForwardingRequest): AlertRuleVerdict {
  const { metadata, from, to } = request;
  const reasons: AlertRuleReason[] = [];
  if (metadata.tlp === "RED") {
    reasons.push({
      code: "red_forbids_forwarding",
      message: "a TLP:RED alert cannot be forwarded; ask the issuer to add the post",
    });
  }
  if (metadata.tlp === "AMBER+STRICT") {
    const organisations = new Set(request.recipientPosts.map((post) => post.organisationId));
    organisations.add(from.organisationId);
    if (!organisations.has(to.organisationId)) {
      reasons.push({
        code: "amber_strict_outside_recipient_organisations",
        message: "a TLP:AMBER+STRICT alert stays within the recipient organisations",
      });
    }
  }
  if (
    handlingCodesRequiringForwardingPermission.has(metadata.handling) &&
    findPermission(metadata, request.permissions, "forwarding", {
      postId: from.postId,
      targetPostId: to.postId,
      at: request.at,
    }) === undefined
  ) {
    reasons.push({
      code: "forwarding_requires_permission",
      message: `handling code ${metadata.handling}: forwarding needs the originator's permission`,
    });
  }
  return verdict(reasons);
}

/** Narrows {@link judicialUseAllowed} to one requesting post and one instant. */
export interface JudicialUseOptions {
  /** The post that wants to use the alert (e.g. the prosecutor's post drafting an MLA request). */
  readonly postId?: string;
  /** Now; defaults to the current time. */
  readonly at?: Date;
}

/**
 * Whether the alert may be used in judicial proceedings, e.g. linked to a mutual legal
 * assistance request (DESIGN.md §9). H0 allows it; H1 forbids it without the originator's
 * permission, and so do H2 and H3, since judicial use discloses the information beyond the
 * recipients.
 */
export function judicialUseAllowed(
  metadata: AlertMetadata,
  permissions: readonly PermissionDecision[],
  options: JudicialUseOptions = {},
): AlertRuleVerdict {
  if (!handlingCodesRequiringJudicialPermission.has(metadata.handling)) return { allowed: true };
  const permission = findPermission(metadata, permissions, "judicial_use", {
    postId: options.postId,
    at: options.at ?? new Date(),
  });
  if (permission !== undefined) return { allowed: true };
  return verdict([
    {
      code: "judicial_use_requires_permission",
      message: `handling code ${metadata.handling}: judicial use needs the originator's permission`,
      path: "handling",
    },
  ]);
}

/**
 * The originator's valid grant for `purpose`, if any: decided by the issuer post for this alert,
 * the latest decision on its request, `granted`, not expired, and covering the post and target.
 */
export function findPermission(
  metadata: AlertMetadata,
  permissions: readonly PermissionDecision[],
  purpose: PermissionPurpose,
  scope: { postId?: string | undefined; targetPostId?: string; at: Date },
): PermissionDecision | undefined {
  const latest = new Map<string, PermissionDecision>();
  for (const decision of permissions) {
    if (decision.alertId !== metadata.alertId) continue;
    if (decision.decidedByPostId !== metadata.issuerPostId) continue;
    const previous = latest.get(decision.requestId);
    if (
      previous === undefined ||
      Date.parse(decision.decidedAt) >= Date.parse(previous.decidedAt)
    ) {
      latest.set(decision.requestId, decision);
    }
  }
  return [...latest.values()].find(
    (decision) =>
      decision.decision === "granted" &&
      decision.purpose === purpose &&
      (scope.postId === undefined || decision.requestingPostId === scope.postId) &&
      (scope.targetPostId === undefined ||
        (decision.targetPostIds?.includes(scope.targetPostId) ?? false)) &&
      (decision.validUntil === undefined || Date.parse(decision.validUntil) > scope.at.getTime()),
  );
}
