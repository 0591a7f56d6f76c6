import type { MessageContent } from "#shared/channels/content";
import { messageContentSchema } from "#shared/channels/content";
import type { Envelope, MessageHeader } from "#shared/channels/envelope";
import { associatedData, messageHashOf, messageStatementBytes } from "#shared/channels/statements";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import { SignatureContexts } from "#shared/signing";
import {
  type DeviceKeys,
  decryptMessage,
  encryptMessage,
  signStatement,
  verifyStatement,
} from "../crypto/index.ts";

/** Encrypts and signs one message (docs/protocol.md §10.4). */
export function sealMessage(
  header: MessageHeader,
  content: MessageContent,
  epochKey: Uint8Array,
  keys: DeviceKeys,
): { envelope: Envelope; hash: string } {
  const plaintext = canonicalJsonBytes(content);
  const { nonce, ciphertext } = encryptMessage(epochKey, associatedData(header), plaintext);
  const unsigned = { ...header, nonce: toBase64Url(nonce), ciphertext: toBase64Url(ciphertext) };
  const signed = messageStatementBytes(unsigned);
  const signature = signStatement(SignatureContexts.message, signed, keys.signing.privateKey);
  return {
    envelope: { ...unsigned, signature: toBase64Url(signature) },
    hash: messageHashOf(signed),
  };
}

/**
 * The envelope's hash, which the sender's next message names as `prevHash`, if `signingKey` (the
 * sender device's key from the log) signed it; null if it did not.
 */
export function signedEnvelopeHash(envelope: Envelope, signingKey: Uint8Array): string | null {
  const { signature, ...unsigned } = envelope;
  const signed = messageStatementBytes(unsigned);
  const valid = verifyStatement(
    SignatureContexts.message,
    fromBase64Url(signature),
    signed,
    signingKey,
  );
  return valid ? messageHashOf(signed) : null;
}

/** Decrypts a verified envelope; a content the schema refuses is reported as undefined. */
export function openMessage(envelope: Envelope, epochKey: Uint8Array): MessageContent | undefined {
  const plaintext = decryptMessage(
    epochKey,
    associatedData(envelope),
    fromBase64Url(envelope.nonce),
    fromBase64Url(envelope.ciphertext),
  );
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(plaintext));
  } catch {
    return undefined;
  }
  const parsed = messageContentSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
