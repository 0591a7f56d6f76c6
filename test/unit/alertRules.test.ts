import { describe, expect, it } from "vitest";
import { diffAlertContents } from "../../shared/alerts/diff.ts";
import {
  checkAddressing,
  checkForwarding,
  judicialUseAllowed,
  type PostRef,
} from "../../shared/alerts/distribution.ts";
import type { AlertMetadata } from "../../shared/alerts/metadata.ts";
import { defaultAlertExpiry } from "../../shared/alerts/metadata.ts";
import type { PermissionDecision } from "../../shared/alerts/thread.ts";
import {
  alertAcknowledgementStatementSchema,
  alertFollowUpSchema,
  permissionDecisionSchema,
  permissionRequestSchema,
} from "../../shared/alerts/thread.ts";
import { exampleAlerts } from "./alertExamples.ts";

const issuer = "11111111-1111-4111-8111-111111111111";
const recipient: PostRef = {
  postId: "22222222-2222-4222-8222-222222222222",
  organisationId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
};
const colleague: PostRef = {
  postId: "33333333-3333-4333-8333-333333333333",
  organisationId: recipient.organisationId,
};
const outsider: PostRef = {
  postId: "44444444-4444-4444-8444-444444444444",
  organisationId: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
};
const alertId = "55555555-5555-4555-8555-555555555555";
const now = new Date("2026-06-01T00:00:00.000Z");

function metadata(overrides: Partial<AlertMetadata> = {}): AlertMetadata {
  return {
    v: 1,
    alertId,
    version: 1,
    issuerPostId: issuer,
    recipients: { posts: [recipient.postId] },
    tlp: "AMBER",
    handling: "H0",
    urgent: false,
    createdAt: "2026-05-01T00:00:00.000Z",
    updatedAt: "2026-05-01T00:00:00.000Z",
    expiresAt: "2027-05-01T00:00:00.000Z",
    ...overrides,
  };
}

function grant(overrides: Partial<PermissionDecision> = {}): PermissionDecision {
  return permissionDecisionSchema.parse({
    v: 1,
    type: "alert-permission-decision",
    requestId: "66666666-6666-4666-8666-666666666666",
    alertId,
    purpose: "forwarding",
    requestingPostId: recipient.postId,
    targetPostIds: [outsider.postId],
    decidedByPostId: issuer,
    decision: "granted",
    decidedAt: "2026-05-20T00:00:00.000Z",
    ...overrides,
  });
}

const codes = (verdict: ReturnType<typeof checkAddressing>) =>
  verdict.allowed ? [] : verdict.reasons.map((reason) => reason.code);

describe("alert addressing", () => {
  it("sends a TLP:RED alert to named posts only", () => {
    expect(checkAddressing(metadata({ tlp: "RED" }))).toEqual({ allowed: true });
    const wide = metadata({
      tlp: "RED",
      recipients: {
        scope: { countries: ["NE"] },
        distributionListId: "77777777-7777-4777-8777-777777777777",
      },
    });
    expect(codes(checkAddressing(wide))).toEqual([
      "red_requires_named_posts",
      "red_forbids_scope",
      "red_forbids_distribution_list",
    ]);
  });

  it("lets other labels address countries, areas and lists", () => {
    const wide = metadata({ tlp: "AMBER+STRICT", recipients: { scope: { countries: ["SN"] } } });
    expect(checkAddressing(wide)).toEqual({ allowed: true });
  });
});

describe("alert forwarding", () => {
  const forward = (meta: AlertMetadata, to: PostRef, permissions: PermissionDecision[] = []) =>
    codes(
      checkForwarding({
        metadata: meta,
        from: recipient,
        to,
        recipientPosts: [recipient],
        permissions,
        at: now,
      }),
    );

  it("never forwards a TLP:RED alert", () => {
    expect(forward(metadata({ tlp: "RED" }), colleague)).toEqual(["red_forbids_forwarding"]);
  });

  it("keeps a TLP:AMBER+STRICT alert within the recipient organisations", () => {
    expect(forward(metadata({ tlp: "AMBER+STRICT" }), colleague)).toEqual([]);
    expect(forward(metadata({ tlp: "AMBER+STRICT" }), outsider)).toEqual([
      "amber_strict_outside_recipient_organisations",
    ]);
  });

  it("forwards an H2 alert only with the originator's permission for that post", () => {
    const h2 = metadata({ handling: "H2" });
    expect(forward(h2, outsider)).toEqual(["forwarding_requires_permission"]);
    expect(forward(h2, outsider, [grant()])).toEqual([]);
    expect(forward(h2, colleague, [grant()])).toEqual(["forwarding_requires_permission"]);
  });

  it("ignores permissions not decided by the issuer, expired, or withdrawn later", () => {
    const h2 = metadata({ handling: "H2" });
    expect(forward(h2, outsider, [grant({ decidedByPostId: colleague.postId })])).toEqual([
      "forwarding_requires_permission",
    ]);
    expect(forward(h2, outsider, [grant({ validUntil: "2026-05-31T00:00:00.000Z" })])).toEqual([
      "forwarding_requires_permission",
    ]);
    const withdrawn = grant({ decision: "refused", decidedAt: "2026-05-25T00:00:00.000Z" });
    expect(forward(h2, outsider, [grant(), withdrawn])).toEqual(["forwarding_requires_permission"]);
  });

  it("lets an H0 or H1 alert of TLP:AMBER be forwarded freely", () => {
    expect(forward(metadata({ handling: "H1" }), outsider)).toEqual([]);
  });
});

describe("judicial use", () => {
  const judicial = grant({ purpose: "judicial_use", targetPostIds: undefined });

  it("is allowed under H0", () => {
    expect(judicialUseAllowed(metadata({ handling: "H0" }), [])).toEqual({ allowed: true });
  });

  it.each(["H1", "H2", "H3"] as const)("needs the originator's permission under %s", (handling) => {
    expect(codes(judicialUseAllowed(metadata({ handling }), [], { at: now }))).toEqual([
      "judicial_use_requires_permission",
    ]);
    expect(judicialUseAllowed(metadata({ handling }), [judicial], { at: now })).toEqual({
      allowed: true,
    });
  });

  it("holds a permission to the post it was granted to", () => {
    const h1 = metadata({ handling: "H1" });
    expect(judicialUseAllowed(h1, [judicial], { postId: outsider.postId, at: now }).allowed).toBe(
      false,
    );
    expect(judicialUseAllowed(h1, [judicial], { postId: recipient.postId, at: now }).allowed).toBe(
      true,
    );
  });
});

describe("alert threads and acknowledgements", () => {
  it("signs an acknowledgement of one version by one post's device", () => {
    const statement = {
      v: 1,
      type: "alert-acknowledgement",
      alertId,
      version: 2,
      postId: recipient.postId,
      deviceId: "88888888-8888-4888-8888-888888888888",
      at: "2026-05-02T10:00:00.000Z",
    };
    expect(alertAcknowledgementStatementSchema.parse(statement)).toEqual(statement);
    expect(alertAcknowledgementStatementSchema.safeParse({ ...statement, extra: 1 }).success).toBe(
      false,
    );
  });

  it("threads an answer under the request it answers", () => {
    const followUp = {
      metadata: {
        v: 1,
        followUpId: "99999999-9999-4999-8999-999999999999",
        alertId,
        alertVersion: 1,
        authorPostId: recipient.postId,
        kind: "answer",
        createdAt: "2026-05-03T10:00:00.000Z",
      },
      content: { v: 1, language: "fr", text: "Le véhicule a été contrôlé à Arlit." },
    };
    const result = alertFollowUpSchema.safeParse(followUp);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["metadata", "inReplyTo"]);
  });

  it("names the posts a forwarding permission is asked for", () => {
    const request = {
      v: 1,
      type: "alert-permission-request",
      requestId: "66666666-6666-4666-8666-666666666666",
      alertId,
      alertVersion: 1,
      purpose: "forwarding",
      requestingPostId: recipient.postId,
      justification: "The border police at Rosso needs the vessel indicators.",
      requestedAt: "2026-05-04T10:00:00.000Z",
    };
    expect(permissionRequestSchema.safeParse(request).error?.issues[0]?.path).toEqual([
      "targetPostIds",
    ]);
    expect(
      permissionRequestSchema.safeParse({ ...request, targetPostIds: [outsider.postId] }).success,
    ).toBe(true);
  });

  it("expires an alert twelve months after issue by default", () => {
    expect(defaultAlertExpiry(new Date("2026-03-02T08:30:00.000Z")).toISOString()).toBe(
      "2027-03-02T08:30:00.000Z",
    );
  });
});

describe("alert versions", () => {
  it("lists the fields an update changed, by path", () => {
    const previous = exampleAlerts["central-mediterranean"].content;
    const next = structuredClone(previous);
    next.route.waypoints[2]!.place = "Sabratha";
    next.paymentMethods = ["cash", "hawala", "mobile_money"];
    next.urgency = "urgent";
    delete next.observedPeriod.to;
    next.observedPeriod.to = "2026-04-01";
    expect(diffAlertContents(previous, next)).toEqual([
      { path: "observedPeriod.to", kind: "added", after: "2026-04-01" },
      {
        path: "paymentMethods",
        kind: "changed",
        before: ["hawala", "cash"],
        after: ["cash", "hawala", "mobile_money"],
      },
      { path: "route.waypoints.2.place", kind: "changed", before: "Zuwara", after: "Sabratha" },
      { path: "urgency", kind: "changed", before: "routine", after: "urgent" },
    ]);
  });

  it("sees no change in a list of codes put in another order", () => {
    const previous = exampleAlerts["central-mediterranean"].content;
    const next = { ...previous, paymentMethods: [...(previous.paymentMethods ?? [])].reverse() };
    expect(diffAlertContents(previous, next)).toEqual([]);
  });
});
