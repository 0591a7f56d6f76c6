import type { z } from "zod";
import type { inclusionResponseSchema, SignedTreeHead } from "#shared/api/log";
import { verifyConsistency, verifyInclusion } from "#shared/log/merkle";
import type { LoggedDevice } from "./chainRecords.ts";
import type { LogApi } from "./logApi.ts";
import { LogVerificationError } from "./securityAlert.ts";
import { decodeBase64Url } from "./treeHead.ts";
import type { TrustChain } from "./trustChain.ts";

/** A device key the log vouches for. */
export interface VerifiedDeviceKey {
  readonly deviceId: string;
  readonly personId: string;
  /** Ed25519, base64url. */
  readonly signingKey: string;
  /** X25519, base64url: the key to encrypt to. */
  readonly encryptionKey: string;
  /** Index of its `device-enrolled` leaf. */
  readonly leafIndex: number;
  /** Size of the accepted head it was verified in. */
  readonly treeSize: number;
  /** Device ids from this device up to the network root. */
  readonly chain: readonly string[];
  /** Whether the log says its owner is suspended (their role no longer counts). */
  readonly ownerSuspended: boolean;
}

/** Where a leaf sits in the accepted head. */
export interface LeafInclusion {
  readonly index: number;
  readonly treeSize: number;
  /** The leaf hash, base64url. */
  readonly leafHash: string;
}

/** The hub's answer to an inclusion query. */
export type InclusionAnswer = z.infer<typeof inclusionResponseSchema>;

function decodedProof(proof: readonly string[]): Uint8Array[] | null {
  const decoded: Uint8Array[] = [];
  for (const hash of proof) {
    const bytes = decodeBase64Url(hash);
    if (bytes === null) return null;
    decoded.push(bytes);
  }
  return decoded;
}

/**
 * Whether two signed heads are one append-only log: equal roots at equal sizes, else the hub's
 * consistency proof from the smaller to the larger (a smaller head than the accepted one is
 * only a stale view if it is a prefix of it).
 */
export async function headsConsistent(
  api: LogApi,
  accepted: SignedTreeHead,
  head: SignedTreeHead,
): Promise<boolean> {
  const [older, newer] = head.treeSize < accepted.treeSize ? [head, accepted] : [accepted, head];
  const olderRoot = decodeBase64Url(older.rootHash);
  const newerRoot = decodeBase64Url(newer.rootHash);
  if (olderRoot === null || newerRoot === null) return false;
  let proof: Uint8Array[] | null = [];
  if (older.treeSize !== newer.treeSize) {
    const answer = await api.consistency(older.treeSize, newer.treeSize);
    if (answer.from !== older.treeSize || answer.to !== newer.treeSize) return false;
    proof = decodedProof(answer.proof);
  }
  return (
    proof !== null && verifyConsistency(older.treeSize, newer.treeSize, olderRoot, newerRoot, proof)
  );
}

/** Whether the hub's inclusion answer proves `bytes` in `head` (at `expectedIndex`, if given). */
export function inclusionProofValid(
  answer: InclusionAnswer,
  bytes: Uint8Array,
  head: SignedTreeHead,
  expectedIndex: number | null,
): boolean {
  const proof = decodedProof(answer.proof);
  const root = decodeBase64Url(head.rootHash);
  return (
    answer.treeSize === head.treeSize &&
    (expectedIndex === null || answer.index === expectedIndex) &&
    root !== null &&
    proof !== null &&
    verifyInclusion(bytes, answer.index, head.treeSize, proof, root)
  );
}

/** The error for a leaf the hub's signed tree does not hold. */
export function notInLog(leafHash: string, head: SignedTreeHead): LogVerificationError {
  const message = `leaf ${leafHash} is not in the log of size ${head.treeSize}`;
  return new LogVerificationError("not_in_log", message);
}

/** The verified key of a logged device, in `head`. */
export function verifiedKey(
  logged: LoggedDevice,
  head: SignedTreeHead,
  chain: TrustChain,
): VerifiedDeviceKey {
  const { registration } = logged.entry;
  return {
    deviceId: logged.deviceId,
    personId: logged.personId,
    signingKey: registration.signingKey,
    encryptionKey: registration.encryptionKey,
    leafIndex: logged.index,
    treeSize: head.treeSize,
    chain: chain.chainOf(logged.deviceId),
    ownerSuspended: chain.person(logged.personId)?.suspended ?? false,
  };
}
