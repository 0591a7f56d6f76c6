import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Request, RequestHandler, Response } from "express";
import type { SignedTreeHead } from "#shared/api/log";
import { toBase64Url } from "#shared/encoding";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import type { TreeHeadStatement } from "#shared/log/entries";
import { consistencyProof, hashLeaf, inclusionProof, merkleRoot } from "#shared/log/merkle";
import { SignatureContexts, statementBytes, statementMessage } from "#shared/signing";
import type { HubContext } from "../context";
import { createHttpApp } from "../http/app";
import { routes } from "../http/routes/index";
import { resolveSession, sessionToken } from "../identity/authenticate";
import { type LogKey, loadLogKey } from "../log/index";

/**
 * TEST ONLY. What a malicious hub does to the answers it sends. The object is read at every
 * request, so a test turns an attack on or off by mutating it. Nothing here runs unless a test
 * hands a `MaliciousMode` to the hub (`HubOptions.malicious`).
 */
export interface MaliciousMode {
  /**
   * Serve a forked log: the real tree with its last leaf replaced by another one, its head
   * re-signed with the real log key, and leaves, inclusion and consistency proofs of that fork.
   */
  forkLog?: boolean;
  /** Serve this device with other keys in device listings (and, if given, a new self-signature). */
  substituteDeviceKey?: {
    deviceId: string;
    signingKey: string;
    encryptionKey: string;
    selfSignature?: string;
  };
  /** Serve other bytes (raw, or base64url) for this leaf in `/api/v1/log/leaves`. */
  rewriteLeaf?: { index: number; leaf: Uint8Array | string };
  /** Sign the served tree head with another Ed25519 key than the published log key. */
  foreignHeadKey?: boolean;
}

/** What the middleware reads from the hub: its log and where its log key lives. */
export type MaliciousHub = Pick<HubContext, "log" | "now"> & {
  readonly config: Pick<HubContext["config"], "logKeyFile">;
};

interface Fork {
  readonly leaves: Uint8Array[];
  readonly head: SignedTreeHead;
}

type Transform = (body: unknown) => Promise<unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function signHead(
  statement: TreeHeadStatement,
  signer: (message: Uint8Array) => Uint8Array,
): SignedTreeHead {
  const message = statementMessage(SignatureContexts.treeHead, statementBytes(statement));
  const { treeSize, rootHash, timestamp } = statement;
  return { v: 1, treeSize, rootHash, timestamp, signature: toBase64Url(signer(message)) };
}

/** Another leaf in place of `leaf`: same entry one second later, so it looks plausible. */
function forgedLeaf(leaf: Uint8Array): Uint8Array {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(leaf));
    if (isRecord(parsed) && isRecord(parsed.entry) && typeof parsed.entry.at === "string") {
      const at = new Date(Date.parse(parsed.entry.at) + 1000).toISOString();
      return canonicalJsonBytes({ ...parsed, entry: { ...parsed.entry, at } });
    }
  } catch {
    // Not JSON: fall through to a byte-level change.
  }
  return Uint8Array.from([...leaf, 0x20]);
}

/** Replaces the keys of `deviceId` wherever a device object of that id appears in `body`. */
function substituteKeys(body: unknown, swap: NonNullable<MaliciousMode["substituteDeviceKey"]>) {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (!isRecord(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[key] = visit(inner);
    if (copy.id === swap.deviceId && isRecord(copy.registration)) {
      const { signingKey, encryptionKey, selfSignature } = swap;
      copy.registration = { ...copy.registration, signingKey, encryptionKey };
      if (selfSignature !== undefined) copy.selfSignature = selfSignature;
    }
    return copy;
  };
  return visit(body);
}

const DEVICE_PATHS = /^\/api\/v1\/(devices(\/.*)?|persons\/[^/]+\/devices|me)$/;

/**
 * TEST ONLY: an Express middleware that makes the hub lie the way {@link MaliciousMode} says,
 * by rewriting the JSON its routes send (`res.json` is wrapped; routes, authentication and
 * validation run as usual). Mount it before the routes (`createHttpApp`'s `before`).
 */
export function maliciousMode(mode: MaliciousMode, hub: MaliciousHub): RequestHandler {
  let realKey: Promise<LogKey> | undefined;
  let foreignKey: KeyObject | undefined;
  let cachedFork: Fork | undefined;

  async function fork(): Promise<Fork | undefined> {
    const real = await hub.log.latestHead();
    if (real === undefined || real.treeSize === 0) return undefined;
    if (cachedFork?.head.treeSize === real.treeSize) return cachedFork;
    const rows = await hub.log.leaves(0, real.treeSize);
    const leaves = rows.map((row) => row.leaf);
    leaves[leaves.length - 1] = forgedLeaf(leaves[leaves.length - 1]!);
    realKey ??= loadLogKey(hub.config.logKeyFile);
    const key = await realKey;
    const statement: TreeHeadStatement = {
      v: 1,
      type: "tree-head",
      treeSize: leaves.length,
      rootHash: toBase64Url(merkleRoot(leaves)),
      timestamp: hub.now().toISOString(),
    };
    cachedFork = { leaves, head: signHead(statement, () => key.signTreeHead(statement)) };
    return cachedFork;
  }

  function reSignedByForeignKey(head: SignedTreeHead): SignedTreeHead {
    foreignKey ??= generateKeyPairSync("ed25519").privateKey;
    const key = foreignKey;
    const { treeSize, rootHash, timestamp } = head;
    const statement: TreeHeadStatement = { v: 1, type: "tree-head", treeSize, rootHash, timestamp };
    return signHead(statement, (message) => sign(null, message, key));
  }

  async function forkedBody(path: string, req: Request, body: unknown): Promise<unknown> {
    const forked = await fork();
    if (forked === undefined || !isRecord(body)) return body;
    const { leaves } = forked;
    if (path === "/api/v1/log/head") return forked.head;
    if (path === "/api/v1/log/leaves" && Array.isArray(body.leaves)) {
      return {
        leaves: body.leaves.map((row: { index: number; leaf: string }) => {
          const leaf = leaves[row.index];
          return leaf === undefined ? row : { index: row.index, leaf: toBase64Url(leaf) };
        }),
      };
    }
    if (path === "/api/v1/log/consistency") {
      const from = Number(body.from);
      const to = Number(body.to);
      if (to > leaves.length) return body;
      const proof = consistencyProof(leaves.slice(0, to), from).map(toBase64Url);
      return { from, to, proof };
    }
    if (path === "/api/v1/log/inclusion") {
      const treeSize = Number(body.treeSize);
      const wanted = typeof req.query.leafHash === "string" ? req.query.leafHash : undefined;
      const index =
        wanted === undefined
          ? Number(body.index)
          : leaves.findIndex((leaf) => toBase64Url(hashLeaf(leaf)) === wanted);
      if (index < 0 || index >= treeSize || treeSize > leaves.length) return body;
      const proof = inclusionProof(leaves.slice(0, treeSize), index).map(toBase64Url);
      return { index, treeSize, proof };
    }
    return body;
  }

  /** The rewriting the current mode asks for on this request, or null for none. */
  function transformFor(req: Request): Transform | null {
    if (req.method !== "GET") return null;
    const path = req.path;
    const steps: Transform[] = [];
    if (mode.forkLog && path.startsWith("/api/v1/log/")) {
      steps.push((body) => forkedBody(path, req, body));
    }
    const rewrite = mode.rewriteLeaf;
    if (rewrite && path === "/api/v1/log/leaves") {
      const leaf = typeof rewrite.leaf === "string" ? rewrite.leaf : toBase64Url(rewrite.leaf);
      steps.push(async (body) => {
        if (!isRecord(body) || !Array.isArray(body.leaves)) return body;
        return {
          leaves: body.leaves.map((row: { index: number; leaf: string }) =>
            row.index === rewrite.index ? { index: row.index, leaf } : row,
          ),
        };
      });
    }
    if (mode.foreignHeadKey && path === "/api/v1/log/head") {
      steps.push(async (body) => reSignedByForeignKey(body as SignedTreeHead));
    }
    const swap = mode.substituteDeviceKey;
    if (swap && DEVICE_PATHS.test(path)) steps.push(async (body) => substituteKeys(body, swap));
    if (steps.length === 0) return null;
    return async (body) => {
      let current = body;
      for (const step of steps) current = await step(current);
      return current;
    };
  }

  return (req, res, next) => {
    const transform = transformFor(req);
    if (transform === null) return next();
    const send = res.json.bind(res);
    res.json = ((body: unknown) => {
      if (res.statusCode >= 400) return send(body);
      transform(body).then(
        (changed) => send(changed),
        (error: unknown) => res.status(500).end(String(error)),
      );
      return res;
    }) as Response["json"];
    next();
  };
}

/**
 * TEST ONLY: serves the routes of `hub` (same database, log and sessions) on a second port of
 * 127.0.0.1, behind {@link maliciousMode}: a malicious twin of the hub, for tests that do not
 * start a hub with `HubOptions.malicious`.
 */
export async function serveMaliciousTwin(
  hub: HubContext,
  mode: MaliciousMode,
): Promise<{ url: string; close(): Promise<void> }> {
  const app = createHttpApp({
    hub,
    routes,
    authenticate: (req) => resolveSession(hub, sessionToken(req.headers)),
    before: [maliciousMode(mode, hub)],
  });
  const server = createServer(app).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
