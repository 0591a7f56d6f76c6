import { createPublicKey, randomBytes, randomUUID, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  consistencyResponseSchema,
  inclusionResponseSchema,
  leavesResponseSchema,
  logKeyResponseSchema,
  type SignedTreeHead,
  signedTreeHeadSchema,
} from "#shared/api/log";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import { errorBodySchema } from "#shared/errors";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import type { SignedLeaf } from "#shared/log/entries";
import { hashLeaf, verifyConsistency, verifyInclusion } from "#shared/log/merkle";
import { statementMessage } from "#shared/signing";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { bootstrapAdministrator } from "../support/network";

const clock = createTestClock();
let testHub: TestHub;
let token: string;
let head: SignedTreeHead;
let myLeaf: SignedLeaf;
let myIndex: number;

/** A well-formed leaf; the log does not check signatures, so a random one will do. */
function roleGrantedLeaf(): SignedLeaf {
  return {
    v: 1,
    entry: {
      v: 1,
      type: "role-granted",
      personId: randomUUID(),
      username: `member.${randomBytes(4).toString("hex")}`,
      role: "coordinator",
      country: "SN",
      at: new Date().toISOString(),
    },
    signer: randomUUID(),
    signature: randomBytes(64).toString("base64url"),
  };
}

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now });
  token = (await bootstrapAdministrator(testHub, clock)).client.token ?? "";
  const leaves = Array.from({ length: 37 }, roleGrantedLeaf);
  const indices = await testHub.hub.context.log.append(leaves);
  myLeaf = leaves[20] as SignedLeaf;
  myIndex = indices[20] as number;
  head = await testHub.hub.context.log.awaitHeadCovering(Math.max(...indices) + 1);
}, 60_000);
afterAll(async () => {
  await testHub?.destroy();
});

async function get(path: string, withToken = true): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${testHub.url}${path}`, {
    headers: withToken ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, body: await response.json() };
}

/** Status and error code of a refused request. */
async function refusal(path: string, withToken = true): Promise<{ status: number; code: string }> {
  const { status, body } = await get(path, withToken);
  return { status, code: errorBodySchema.parse(body).code };
}

describe("log routes", () => {
  it("serve the log key to anyone, and a head that verifies with it", async () => {
    const key = await get("/.well-known/relais-log-key", false);
    expect(key.status).toBe(200);
    const { publicKey: x } = logKeyResponseSchema.parse(key.body);
    expect(await get("/api/v1/log/head")).toEqual({ status: 200, body: head });
    const { treeSize, rootHash, timestamp } = head;
    const statement = { v: 1, type: "tree-head", treeSize, rootHash, timestamp };
    const publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
    const message = statementMessage("tree-head", canonicalJsonBytes(statement));
    expect(verify(null, message, publicKey, fromBase64Url(head.signature))).toBe(true);
  });

  it("serve leaves as their canonical JSON bytes", async () => {
    const { status, body } = await get(`/api/v1/log/leaves?start=${myIndex}&end=${myIndex + 2}`);
    expect(status).toBe(200);
    const { leaves } = leavesResponseSchema.parse(body);
    expect(leaves).toHaveLength(2);
    expect(leaves[0]).toEqual({ index: myIndex, leaf: toBase64Url(canonicalJsonBytes(myLeaf)) });
  });

  it("prove inclusion by position and by leaf hash, against the signed root", async () => {
    const root = fromBase64Url(head.rootHash);
    const leaf = canonicalJsonBytes(myLeaf);
    const byIndex = await get(`/api/v1/log/inclusion?treeSize=${head.treeSize}&index=${myIndex}`);
    expect(byIndex.status).toBe(200);
    const proof = inclusionResponseSchema.parse(byIndex.body).proof.map(fromBase64Url);
    expect(verifyInclusion(leaf, myIndex, head.treeSize, proof, root)).toBe(true);
    const leafHash = toBase64Url(hashLeaf(leaf));
    const byHash = await get(
      `/api/v1/log/inclusion?treeSize=${head.treeSize}&leafHash=${leafHash}`,
    );
    expect(byHash.body).toEqual(byIndex.body);
  });

  it("prove consistency between an earlier signed head and the latest", async () => {
    await testHub.hub.context.log.append([roleGrantedLeaf(), roleGrantedLeaf()]);
    const later = await testHub.hub.context.log.awaitHeadCovering(head.treeSize + 2);
    const { status, body } = await get(
      `/api/v1/log/consistency?from=${head.treeSize}&to=${later.treeSize}`,
    );
    expect(status).toBe(200);
    const proof = consistencyResponseSchema.parse(body).proof.map(fromBase64Url);
    expect(
      verifyConsistency(
        head.treeSize,
        later.treeSize,
        fromBase64Url(head.rootHash),
        fromBase64Url(later.rootHash),
        proof,
      ),
    ).toBe(true);
  });

  it("answer not_found for a leaf hash that is not logged", async () => {
    const unknown = toBase64Url(hashLeaf(canonicalJsonBytes(roleGrantedLeaf())));
    expect(
      await refusal(`/api/v1/log/inclusion?treeSize=${head.treeSize}&leafHash=${unknown}`),
    ).toEqual({ status: 404, code: "not_found" });
  });

  it("refuse a tree size beyond the latest signed head", async () => {
    const latest = signedTreeHeadSchema.parse((await get("/api/v1/log/head")).body).treeSize;
    for (const path of [
      `/api/v1/log/inclusion?treeSize=${latest + 1}&index=0`,
      `/api/v1/log/consistency?from=1&to=${latest + 1}`,
      `/api/v1/log/leaves?start=0&end=${latest + 1}`,
    ]) {
      expect({ path, ...(await refusal(path)) }).toEqual({
        path,
        status: 400,
        code: "validation_failed",
      });
    }
  });

  it("answer validation_failed to malformed queries", async () => {
    for (const path of [
      "/api/v1/log/leaves",
      "/api/v1/log/leaves?start=5&end=5",
      "/api/v1/log/leaves?start=0&end=1001",
      "/api/v1/log/leaves?start=-1&end=3",
      "/api/v1/log/inclusion?treeSize=3",
      `/api/v1/log/inclusion?treeSize=3&index=0&leafHash=${"A".repeat(43)}`,
      "/api/v1/log/inclusion?treeSize=3&index=3",
      "/api/v1/log/inclusion?treeSize=0&index=0",
      "/api/v1/log/inclusion?treeSize=3&leafHash=short",
      "/api/v1/log/consistency?from=3&to=2",
      "/api/v1/log/consistency?from=x&to=2",
    ]) {
      expect({ path, ...(await refusal(path)) }).toEqual({
        path,
        status: 400,
        code: "validation_failed",
      });
    }
  });

  it("require a session, except for the key", async () => {
    for (const path of [
      "/api/v1/log/head",
      "/api/v1/log/leaves?start=0&end=1",
      "/api/v1/log/inclusion?treeSize=1&index=0",
      "/api/v1/log/consistency?from=0&to=1",
    ]) {
      expect({ path, ...(await refusal(path, false)) }).toEqual({
        path,
        status: 401,
        code: "unauthenticated",
      });
    }
  });
});
