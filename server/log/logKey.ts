import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import type { TreeHeadStatement } from "#shared/log/entries";
import { SignatureContexts, statementBytes, statementMessage } from "#shared/signing";

/**
 * The hub's log key: the Ed25519 key that signs tree heads. Clients pin its public key, so it
 * must outlive restarts and be the same on every hub sharing one database. Signing uses
 * node:crypto; the hub never loads libsodium.
 */
export interface LogKey {
  /** The 32-byte Ed25519 public key in base64url, as served at `/.well-known/relais-log-key`. */
  readonly publicKey: string;
  /** Signs a tree-head statement under the `tree-head` context; returns the 64-byte signature. */
  signTreeHead(statement: TreeHeadStatement): Uint8Array;
}

const keyFileSchema = z.object({
  v: z.literal(1),
  algorithm: z.literal("Ed25519"),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  privateKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

function logKeyFrom(privateKey: KeyObject): LogKey {
  const publicKey = createPublicKey(privateKey).export({ format: "jwk" }).x;
  if (!publicKey) throw new Error("not an Ed25519 key");
  return {
    publicKey,
    signTreeHead: (statement) =>
      sign(
        null,
        statementMessage(SignatureContexts.treeHead, statementBytes(statement)),
        privateKey,
      ),
  };
}

async function readLogKey(path: string): Promise<LogKey> {
  const parsed = keyFileSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
  if (!parsed.success) throw new Error(`${path} is not a Relais log key file`);
  const { publicKey: x, privateKey: d } = parsed.data;
  const key = logKeyFrom(
    createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", x, d }, format: "jwk" }),
  );
  if (key.publicKey !== x)
    throw new Error(`${path}: the public key does not match the private key`);
  return key;
}

/**
 * Loads the log key from `path` (JSON, mode 0600), creating it on the first start. Hubs that
 * share one PostgreSQL database must share this file: a head signed by another key would make
 * every client raise a security alert.
 */
export async function loadLogKey(path: string): Promise<LogKey> {
  try {
    return await readLogKey(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" });
  const file = { v: 1, algorithm: "Ed25519", publicKey: jwk.x, privateKey: jwk.d };
  // "wx": two hubs starting together never overwrite each other's fresh key.
  try {
    await writeFile(path, `${JSON.stringify(file)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readLogKey(path);
    throw error;
  }
  await chmod(path, 0o600);
  return logKeyFrom(privateKey);
}
