import type { SignedTreeHead } from "#shared/api/log";
import { fromBase64Url } from "#shared/encoding";
import type { TreeHeadStatement } from "#shared/log/entries";
import { SignatureContexts, statementBytes } from "#shared/signing";
import type { DeviceCrypto } from "../crypto/index.ts";

/** The canonical bytes a tree head's signature covers (context `tree-head`). */
export function treeHeadStatementBytes(head: SignedTreeHead): Uint8Array {
  const statement: TreeHeadStatement = {
    v: 1,
    type: "tree-head",
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    timestamp: head.timestamp,
  };
  return statementBytes(statement);
}

/**
 * Whether `head` is signed by the log key `publicKey` (Ed25519, context `tree-head`). Never
 * throws: a malformed signature or key is simply not valid.
 */
export function verifyTreeHeadSignature(
  crypto: DeviceCrypto,
  head: SignedTreeHead,
  publicKey: Uint8Array,
): boolean {
  let signature: Uint8Array;
  try {
    signature = fromBase64Url(head.signature);
  } catch {
    return false;
  }
  const { treeHead } = SignatureContexts;
  return crypto.verifyStatement(treeHead, signature, treeHeadStatementBytes(head), publicKey);
}

/** Decodes a base64url hash or key; null if it is not base64url. */
export function decodeBase64Url(text: string): Uint8Array | null {
  try {
    return fromBase64Url(text);
  } catch {
    return null;
  }
}
