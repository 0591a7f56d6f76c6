import { beforeAll, describe, expect, it } from "vitest";
import {
  CryptoError,
  type CryptoErrorCode,
  type DeviceKeys,
  generateDeviceKeys,
  openDraft,
  ready,
  type SealedDraft,
  sealDraft,
  sealedDraftSchema,
  wipe,
} from "#client/core/crypto/index";
import { fromBase64Url, toBase64Url } from "#shared/encoding";

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function expectCryptoError(action: () => unknown, code: CryptoErrorCode): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CryptoError);
  expect((thrown as CryptoError).code).toBe(code);
}

const label = "https://hub.example 8c1f0d52-1111-4c6e-9a55-2f1e0c3b7a10 mla";
const draft = JSON.stringify({
  caseReference: "NE-PROC-2026-114",
  facts: "Moussa Abdou Garba drives migrants from Agadez to Gao.",
});

describe("sealing a draft for its own device", () => {
  let keys: DeviceKeys;
  let otherDevice: DeviceKeys;

  beforeAll(async () => {
    await ready();
    keys = generateDeviceKeys();
    otherDevice = generateDeviceKeys();
  });

  it("opens with the same device keys and label", () => {
    const sealed = sealDraft(encode(draft), keys, label);
    expect(sealedDraftSchema.parse(sealed)).toEqual(sealed);
    expect(decode(openDraft(sealed, keys, label))).toBe(draft);
  });

  it("keeps nothing of the text in clear and pads its length", () => {
    const sealed = sealDraft(encode(draft), keys, label);
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain("NE-PROC");
    expect(stored).not.toContain("Moussa");
    expect(decode(fromBase64Url(sealed.ciphertext))).not.toContain("Moussa");
    // One block of padding plus the 16-byte tag, whatever the short text's length.
    expect(fromBase64Url(sealed.ciphertext).length).toBe(1024 + 16);
    const shorter = sealDraft(encode("x"), keys, label);
    expect(fromBase64Url(shorter.ciphertext).length).toBe(1024 + 16);
  });

  it("uses a fresh nonce each time", () => {
    const first = sealDraft(encode(draft), keys, label);
    const second = sealDraft(encode(draft), keys, label);
    expect(first.nonce).not.toBe(second.nonce);
    expect(first.ciphertext).not.toBe(second.ciphertext);
  });

  it("does not open with another device's keys", () => {
    const sealed = sealDraft(encode(draft), keys, label);
    expectCryptoError(() => openDraft(sealed, otherDevice, label), "decryption_failed");
  });

  it("does not open under another label, so stored drafts cannot be swapped", () => {
    const sealed = sealDraft(encode(draft), keys, label);
    expectCryptoError(() => openDraft(sealed, keys, `${label} other`), "decryption_failed");
  });

  it("refuses a tampered ciphertext or nonce", () => {
    const sealed = sealDraft(encode(draft), keys, label);
    const bytes = fromBase64Url(sealed.ciphertext);
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    const tampered: SealedDraft = { ...sealed, ciphertext: toBase64Url(bytes) };
    expectCryptoError(() => openDraft(tampered, keys, label), "decryption_failed");
    const nonce = fromBase64Url(sealed.nonce);
    nonce[0] = (nonce[0] ?? 0) ^ 1;
    expectCryptoError(
      () => openDraft({ ...sealed, nonce: toBase64Url(nonce) }, keys, label),
      "decryption_failed",
    );
  });

  it("refuses an unknown version or algorithm, and malformed boxes", () => {
    const sealed = sealDraft(encode(draft), keys, label);
    expectCryptoError(() => openDraft({ ...sealed, v: 2 }, keys, label), "unsupported_format");
    expectCryptoError(
      () => openDraft({ ...sealed, alg: "aes256gcm" }, keys, label),
      "unsupported_format",
    );
    expectCryptoError(() => openDraft({ ...sealed, nonce: "AAAA" }, keys, label), "invalid_input");
    expectCryptoError(() => openDraft("not a box", keys, label), "invalid_input");
  });

  it("refuses to seal or open with wiped keys", () => {
    const wiped = generateDeviceKeys();
    const sealed = sealDraft(encode(draft), wiped, label);
    wipe(wiped.encryption.privateKey);
    expectCryptoError(() => sealDraft(encode(draft), wiped, label), "invalid_input");
    expectCryptoError(() => openDraft(sealed, wiped, label), "invalid_input");
  });
});
