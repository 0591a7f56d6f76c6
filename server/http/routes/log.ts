import type { SignedTreeHead } from "#shared/api/log";
import {
  consistencyQuerySchema,
  consistencyResponseSchema,
  inclusionQuerySchema,
  inclusionResponseSchema,
  leavesQuerySchema,
  leavesResponseSchema,
  logKeyResponseSchema,
  signedTreeHeadSchema,
} from "#shared/api/log";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { authenticatedOnly } from "../../policies/actor";
import { canReadSystemStatus } from "../../policies/system";
import { type AnyRoute, defineRoute } from "../route";

/**
 * The transparency log over REST. Any signed-in person may read it (clients must be able to
 * verify it); only the key is public, so that it can be pinned before enrolment. Proofs are
 * served only for tree sizes a signed head covers: a client verifies against a head it holds.
 */

async function latestHead(hub: HubContext): Promise<SignedTreeHead> {
  const head = await hub.log.latestHead();
  if (!head) throw new AppError("not_ready", "The log has no signed tree head yet.");
  return head;
}

/** Refuses a size beyond the latest signed head. */
async function assertSigned(hub: HubContext, size: number, field: string): Promise<void> {
  const head = await latestHead(hub);
  if (size > head.treeSize) {
    throw new AppError(
      "validation_failed",
      `No signed tree head covers ${size} leaves (the latest covers ${head.treeSize}).`,
      [
        {
          path: `query.${field}`,
          message: `must not exceed ${head.treeSize}, the latest signed tree size`,
        },
      ],
    );
  }
}

async function leafIndexByHash(hub: HubContext, leafHash: string): Promise<number | undefined> {
  return hub.log.findLeaf(fromBase64Url(leafHash));
}

const logKey = defineRoute({
  method: "get",
  path: "/.well-known/relais-log-key",
  summary: "The hub's Ed25519 key that signs the transparency log's tree heads",
  tags: ["log"],
  response: { status: 200, schema: logKeyResponseSchema },
  authenticated: false,
  policy: canReadSystemStatus,
  handler: async ({ hub }) => ({
    v: 1 as const,
    algorithm: "Ed25519" as const,
    publicKey: hub.log.publicKey,
  }),
});

const head = defineRoute({
  method: "get",
  path: "/api/v1/log/head",
  summary: "The latest signed tree head",
  tags: ["log"],
  response: { status: 200, schema: signedTreeHeadSchema },
  authenticated: true,
  policy: authenticatedOnly,
  handler: async ({ hub }) => latestHead(hub),
});

const leaves = defineRoute({
  method: "get",
  path: "/api/v1/log/leaves",
  summary: "Leaves [start, end) as canonical JSON bytes in base64url, at most 1000",
  tags: ["log"],
  request: { query: leavesQuerySchema },
  response: { status: 200, schema: leavesResponseSchema },
  authenticated: true,
  policy: authenticatedOnly,
  handler: async ({ hub, input }) => {
    const { start, end } = input.query;
    await assertSigned(hub, end, "end");
    const rows = await hub.log.leaves(start, end);
    return { leaves: rows.map((row) => ({ index: row.index, leaf: toBase64Url(row.leaf) })) };
  },
});

const inclusion = defineRoute({
  method: "get",
  path: "/api/v1/log/inclusion",
  summary: "Inclusion proof of a leaf, by position or leaf hash, in a signed tree",
  tags: ["log"],
  request: { query: inclusionQuerySchema },
  response: { status: 200, schema: inclusionResponseSchema },
  authenticated: true,
  policy: authenticatedOnly,
  handler: async ({ hub, input }) => {
    const { treeSize, leafHash } = input.query;
    await assertSigned(hub, treeSize, "treeSize");
    const index = leafHash === undefined ? input.query.index : await leafIndexByHash(hub, leafHash);
    if (index === undefined || index >= treeSize) {
      throw leafHash === undefined
        ? new AppError("validation_failed", "The index is outside the tree.", [
            { path: "query.index", message: `must be below treeSize (${treeSize})` },
          ])
        : new AppError("not_found", `No leaf with this hash in the tree of ${treeSize} leaves.`);
    }
    const proof = await hub.log.inclusionProof(index, treeSize);
    return { index, treeSize, proof: proof.map(toBase64Url) };
  },
});

const consistency = defineRoute({
  method: "get",
  path: "/api/v1/log/consistency",
  summary: "Consistency proof between two signed tree sizes",
  tags: ["log"],
  request: { query: consistencyQuerySchema },
  response: { status: 200, schema: consistencyResponseSchema },
  authenticated: true,
  policy: authenticatedOnly,
  handler: async ({ hub, input }) => {
    const { from, to } = input.query;
    await assertSigned(hub, to, "to");
    const proof = await hub.log.consistencyProof(from, to);
    return { from, to, proof: proof.map(toBase64Url) };
  },
});

/** Routes of the transparency log. */
export const logRoutes: AnyRoute[] = [logKey, head, leaves, inclusion, consistency];
