import { createPublicKey, verify } from "node:crypto";
import { statementBytes, statementMessage } from "#shared/signing";

/**
 * Verifies a device's Ed25519 signature of a statement, exactly as the client signs it
 * (shared/signing.ts). The hub uses Node's crypto: libsodium lives only in the client's crypto.
 * Never throws: malformed keys or signatures are simply invalid.
 */
export function verifyDeviceStatement(
  context: string,
  statement: unknown,
  signatureBase64Url: string,
  signingKeyBase64Url: string,
): boolean {
  try {
    const key = createPublicKey({
      key: { kty: "OKP", crv: "Ed25519", x: signingKeyBase64Url },
      format: "jwk",
    });
    const signature = Buffer.from(signatureBase64Url, "base64url");
    if (signature.length !== 64) return false;
    return verify(null, statementMessage(context, statementBytes(statement)), key, signature);
  } catch {
    return false;
  }
}
