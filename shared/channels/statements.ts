import { sha256 } from "@noble/hashes/sha2.js";
import { toBase64Url } from "../encoding";
import { canonicalJsonBytes } from "../log/canonicalJson";
import { SignatureContexts, statementMessage } from "../signing";
import type { Envelope, MessageHeader } from "./envelope";

/**
 * The bytes that bind a message together (docs/protocol.md §10.4): the header is the AEAD's
 * associated data; the header with the nonce and ciphertext is what the sender signs; the hash
 * of those signed bytes is what the sender's next message names as `prevHash`.
 */

/** The header fields of an envelope. */
export function headerOf(envelope: MessageHeader): MessageHeader {
  const { v, channelId, epoch, senderDeviceId, senderSeq, prevHash, clientMessageId } = envelope;
  return { v, channelId, epoch, senderDeviceId, senderSeq, prevHash, clientMessageId };
}

/** The AEAD's associated data: RFC 8785 canonical JSON of the header. */
export function associatedData(header: MessageHeader): Uint8Array {
  return canonicalJsonBytes(headerOf(header));
}

/** The statement a sender signs (context `message`): header, nonce and ciphertext. */
export function messageStatement(envelope: Omit<Envelope, "signature">) {
  return { ...headerOf(envelope), nonce: envelope.nonce, ciphertext: envelope.ciphertext };
}

/** The statement's canonical JSON: what the signature and the next message's hash cover. */
export function messageStatementBytes(envelope: Omit<Envelope, "signature">): Uint8Array {
  return canonicalJsonBytes(messageStatement(envelope));
}

/**
 * SHA-256 of the signed bytes of a message, base64url: the next message's `prevHash`. Takes the
 * statement's bytes, so that a receiver checking the signature does not serialise it twice.
 */
export function messageHashOf(statementBytes: Uint8Array): string {
  return toBase64Url(sha256(statementMessage(SignatureContexts.message, statementBytes)));
}
