import type { MessageContent } from "#shared/channels/content";
import { messageContentSchema } from "#shared/channels/content";
import type { Envelope, MessageHeader } from "#shared/channels/envelope";
import { associatedData, messageHash, messageStatement } from "#shared/channels/statements";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import { SignatureContexts, statementBytes } from "#shared/signing";
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
  const signature = signStatement(
    SignatureContexts.message,
    statementBytes(messageStatement(unsigned)),
    keys.signing.privateKey,
  );
  return {
    envelope: { ...unsigned, signature: toBase64Url(signature) },
    hash: messageHash(unsigned),
  };
}

/** Whether the envelope is signed by `signingKey` (the sender device's key from the log). */
export function envelopeSignedBy(envelope: Envelope, signingKey: Uint8Array): boolean {
  const { signature, ...unsigned } = envelope;
  return verifyStatement(
    SignatureContexts.message,
    fromBase64Url(signature),
    statementBytes(messageStatement(unsigned)),
    signingKey,
  );
}

/** The hash the sender's next message names as `prevHash`. */
export function envelopeHash(envelope: Envelope): string {
  const { signature: _signature, ...unsigned } = envelope;
  return messageHash(unsigned);
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
