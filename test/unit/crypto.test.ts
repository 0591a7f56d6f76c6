import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  CryptoError,
  type CryptoErrorCode,
  type DeviceCrypto,
  type DeviceKeys,
  deserializeDeviceKeys,
  generateDeviceKeys,
  openWithPassphrase,
  publicDeviceKeys,
  randomBytes,
  randomToken,
  ready,
  type SealedBox,
  SignatureContexts,
  sealWithPassphrase,
  serializeDeviceKeys,
  sign,
  signStatement,
  sodiumDeviceCrypto,
  verify,
  verifyStatement,
  wipe,
} from "#client/core/crypto/index";
import { fromBase64Url } from "#shared/encoding";

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

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

function flipByte(bytes: Uint8Array, index = 0): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

let keys: DeviceKeys;

beforeAll(async () => {
  await ready();
  keys = generateDeviceKeys();
});

describe("initialisation", () => {
  it("throws not_ready when used before ready() resolves", async () => {
    vi.resetModules();
    const fresh = await import("#client/core/crypto/index");
    expect(() => fresh.generateDeviceKeys()).toThrow(fresh.CryptoError);
    try {
      fresh.generateDeviceKeys();
    } catch (error) {
      expect((error as CryptoError).code).toBe("not_ready");
    }
    await fresh.ready();
    expect(fresh.generateDeviceKeys().signing.publicKey).toHaveLength(32);
  });
});

describe("device keys", () => {
  it("creates an Ed25519 signing pair and an X25519 encryption pair", () => {
    expect(keys.signing.publicKey).toHaveLength(32);
    expect(keys.signing.privateKey).toHaveLength(64);
    expect(keys.encryption.publicKey).toHaveLength(32);
    expect(keys.encryption.privateKey).toHaveLength(32);
  });

  it("creates different keys every time", () => {
    const other = generateDeviceKeys();
    expect(other.signing.publicKey).not.toEqual(keys.signing.publicKey);
    expect(other.encryption.publicKey).not.toEqual(keys.encryption.publicKey);
  });

  it("publishes the public keys as base64url", () => {
    const published = publicDeviceKeys(keys);
    expect(published.signingKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fromBase64Url(published.signingKey)).toEqual(keys.signing.publicKey);
    expect(fromBase64Url(published.encryptionKey)).toEqual(keys.encryption.publicKey);
  });

  it("round-trips through versioned JSON serialization", () => {
    const bytes = serializeDeviceKeys(keys);
    expect(JSON.parse(new TextDecoder().decode(bytes))).toMatchObject({ v: 1 });
    expect(deserializeDeviceKeys(bytes)).toEqual(keys);
  });

  it("refuses serialized keys of an unknown version with unsupported_format", () => {
    const json = JSON.parse(new TextDecoder().decode(serializeDeviceKeys(keys)));
    expectCryptoError(
      () => deserializeDeviceKeys(encode(JSON.stringify({ ...json, v: 2 }))),
      "unsupported_format",
    );
  });

  it("refuses serialized keys whose public key does not match the private key", () => {
    const other = generateDeviceKeys();
    const mixedSigning = {
      ...keys,
      signing: { ...keys.signing, publicKey: other.signing.publicKey },
    };
    const mixedEncryption = {
      ...keys,
      encryption: { ...keys.encryption, publicKey: other.encryption.publicKey },
    };
    expectCryptoError(
      () => deserializeDeviceKeys(serializeDeviceKeys(mixedSigning)),
      "invalid_input",
    );
    expectCryptoError(
      () => deserializeDeviceKeys(serializeDeviceKeys(mixedEncryption)),
      "invalid_input",
    );
  });

  it("refuses malformed serialized keys with invalid_input", () => {
    expectCryptoError(() => deserializeDeviceKeys(encode("not json")), "invalid_input");
    expectCryptoError(() => deserializeDeviceKeys(new Uint8Array([0xff, 0xfe])), "invalid_input");
    expectCryptoError(() => deserializeDeviceKeys(encode('{"v":1}')), "invalid_input");
    const json = JSON.parse(new TextDecoder().decode(serializeDeviceKeys(keys)));
    json.encryption.privateKey = "AAAA";
    expectCryptoError(() => deserializeDeviceKeys(encode(JSON.stringify(json))), "invalid_input");
  });
});

describe("signatures", () => {
  const message = encode("hello relais");

  it("verifies a valid detached signature", () => {
    const signature = sign(message, keys.signing.privateKey);
    expect(signature).toHaveLength(64);
    expect(verify(signature, message, keys.signing.publicKey)).toBe(true);
  });

  it("rejects a tampered message", () => {
    const signature = sign(message, keys.signing.privateKey);
    expect(verify(signature, flipByte(message, 3), keys.signing.publicKey)).toBe(false);
  });

  it("rejects another device's key", () => {
    const signature = sign(message, keys.signing.privateKey);
    expect(verify(signature, message, generateDeviceKeys().signing.publicKey)).toBe(false);
  });

  it("returns false for malformed signatures and keys instead of throwing", () => {
    const signature = sign(message, keys.signing.privateKey);
    const publicKey = keys.signing.publicKey;
    expect(verify(flipByte(signature, 10), message, publicKey)).toBe(false);
    expect(verify(signature.subarray(0, 63), message, publicKey)).toBe(false);
    expect(verify(new Uint8Array(0), message, publicKey)).toBe(false);
    expect(verify(new Uint8Array(64), message, publicKey)).toBe(false);
    expect(verify(new Uint8Array(64).fill(0xff), message, publicKey)).toBe(false);
    expect(verify(signature, message, publicKey.subarray(1))).toBe(false);
    expect(verify(signature, message, new Uint8Array(32))).toBe(false);
    expect(verify("not bytes" as unknown as Uint8Array, message, publicKey)).toBe(false);
    expect(verify(signature, null as unknown as Uint8Array, publicKey)).toBe(false);
  });

  it("verifies every signature it makes and rejects every single-bit change", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.nat(), (bytes, position) => {
        fc.pre(!new TextDecoder().decode(bytes.subarray(0, 10)).startsWith("relais/v1/"));
        const signature = sign(bytes, keys.signing.privateKey);
        expect(verify(signature, bytes, keys.signing.publicKey)).toBe(true);
        const tampered = flipByte(signature, position % signature.length);
        expect(verify(tampered, bytes, keys.signing.publicKey)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it("refuses a private key of the wrong length with invalid_input", () => {
    expectCryptoError(
      () => sign(message, keys.signing.privateKey.subarray(0, 32)),
      "invalid_input",
    );
  });

  it("refuses to sign raw bytes that look like a domain-separated statement", () => {
    expectCryptoError(
      () => sign(encode("relais/v1/login-challenge\0nonce"), keys.signing.privateKey),
      "invalid_input",
    );
  });
});

describe("domain-separated statements", () => {
  const statement = encode('{"deviceId":"d1"}');
  const contexts = Object.values(SignatureContexts);

  it("verifies a statement under the context it was signed for", () => {
    for (const context of contexts) {
      const signature = signStatement(context, statement, keys.signing.privateKey);
      expect(verifyStatement(context, signature, statement, keys.signing.publicKey)).toBe(true);
    }
  });

  it("never verifies a signature for context A under context B", () => {
    for (const signedFor of contexts) {
      const signature = signStatement(signedFor, statement, keys.signing.privateKey);
      for (const checkedFor of contexts.filter((context) => context !== signedFor)) {
        expect(verifyStatement(checkedFor, signature, statement, keys.signing.publicKey)).toBe(
          false,
        );
      }
    }
  });

  it("does not let the statement shift the boundary between context and statement", () => {
    const signature = signStatement("log", encode("-entry\0x"), keys.signing.privateKey);
    expect(verifyStatement("log-entry", signature, encode("x"), keys.signing.publicKey)).toBe(
      false,
    );
  });

  it('signs exactly "relais/v1/" + context + NUL + statement', () => {
    const signature = signStatement("log-entry", statement, keys.signing.privateKey);
    const signedBytes = new Uint8Array([...encode("relais/v1/log-entry\0"), ...statement]);
    expect(verify(signature, signedBytes, keys.signing.publicKey)).toBe(true);
    expect(verify(signature, statement, keys.signing.publicKey)).toBe(false);
  });

  it("does not accept a raw signature of the statement as a statement signature", () => {
    const raw = sign(statement, keys.signing.privateKey);
    expect(verifyStatement("log-entry", raw, statement, keys.signing.publicKey)).toBe(false);
  });

  it("returns false for malformed signatures, statements and keys", () => {
    const signature = signStatement("log-entry", statement, keys.signing.privateKey);
    const publicKey = keys.signing.publicKey;
    expect(verifyStatement("log-entry", flipByte(signature), statement, publicKey)).toBe(false);
    expect(verifyStatement("log-entry", signature.subarray(1), statement, publicKey)).toBe(false);
    expect(verifyStatement("log-entry", signature, "x" as unknown as Uint8Array, publicKey)).toBe(
      false,
    );
    expect(verifyStatement("log-entry", signature, statement, new Uint8Array(3))).toBe(false);
  });

  it("refuses an invalid context, a programming error, with invalid_input", () => {
    for (const context of [
      "",
      "Log-Entry",
      "log/entry",
      "log\0entry",
      "log-",
      "-log",
      "log entry",
    ]) {
      expectCryptoError(
        () => signStatement(context, statement, keys.signing.privateKey),
        "invalid_input",
      );
      expectCryptoError(
        () => verifyStatement(context, new Uint8Array(64), statement, keys.signing.publicKey),
        "invalid_input",
      );
    }
  });
});

describe("random", () => {
  it("returns the requested number of bytes, including beyond Web Crypto's 64 KiB limit", () => {
    expect(randomBytes(0)).toHaveLength(0);
    expect(randomBytes(24)).toHaveLength(24);
    const large = randomBytes(200_000);
    expect(large).toHaveLength(200_000);
    // The last chunk is filled too: 1,000 zero bytes in a row is (2^-8)^1000.
    expect(large.subarray(199_000).some((byte) => byte !== 0)).toBe(true);
  });

  it("never repeats itself", () => {
    expect(randomBytes(32)).not.toEqual(randomBytes(32));
    expect(randomToken()).not.toBe(randomToken());
  });

  it("makes base64url tokens of 32 bytes by default", () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fromBase64Url(token)).toHaveLength(32);
    expect(fromBase64Url(randomToken(16))).toHaveLength(16);
  });

  it("refuses a negative or fractional length with invalid_input", () => {
    expectCryptoError(() => randomBytes(-1), "invalid_input");
    expectCryptoError(() => randomBytes(1.5), "invalid_input");
  });
});

describe("passphrase sealing", () => {
  const plaintext = encode("device private keys");
  const passphrase = "correct horse battery staple";
  let box: SealedBox;

  beforeAll(() => {
    box = sealWithPassphrase(plaintext, passphrase, { strength: "interactive" });
  });

  it("round-trips through JSON with the right passphrase", () => {
    const fromDisk = JSON.parse(JSON.stringify(box)) as SealedBox;
    expect(openWithPassphrase(fromDisk, passphrase)).toEqual(plaintext);
  });

  it("writes a versioned box with its KDF parameters and base64url fields", () => {
    expect(box).toMatchObject({ v: 1, kdf: "argon2id13", opslimit: 2, memlimit: 67_108_864 });
    expect(fromBase64Url(box.salt)).toHaveLength(16);
    expect(fromBase64Url(box.nonce)).toHaveLength(24);
    expect(fromBase64Url(box.ciphertext)).toHaveLength(plaintext.length + 16);
  });

  it("uses a fresh salt and nonce for every box", () => {
    const again = sealWithPassphrase(plaintext, passphrase, { strength: "interactive" });
    expect(again.salt).not.toBe(box.salt);
    expect(again.nonce).not.toBe(box.nonce);
    expect(again.ciphertext).not.toBe(box.ciphertext);
  });

  it("uses the moderate strength by default", () => {
    const moderate = sealWithPassphrase(plaintext, passphrase);
    expect(moderate).toMatchObject({ opslimit: 3, memlimit: 268_435_456 });
  });

  it("refuses a wrong passphrase with wrong_passphrase", () => {
    expectCryptoError(
      () => openWithPassphrase(box, "correct horse battery stapler"),
      "wrong_passphrase",
    );
  });

  it("refuses a tampered ciphertext with wrong_passphrase", () => {
    const ciphertext = fromBase64Url(box.ciphertext);
    const tampered = { ...box, ciphertext: toWire(flipByte(ciphertext, ciphertext.length - 1)) };
    expectCryptoError(() => openWithPassphrase(tampered, passphrase), "wrong_passphrase");
  });

  it("refuses a tampered salt, nonce or KDF parameter with wrong_passphrase", () => {
    const tamperedSalt = { ...box, salt: toWire(flipByte(fromBase64Url(box.salt))) };
    const tamperedNonce = { ...box, nonce: toWire(flipByte(fromBase64Url(box.nonce))) };
    const raisedOps = { ...box, opslimit: box.opslimit + 1 };
    expectCryptoError(() => openWithPassphrase(tamperedSalt, passphrase), "wrong_passphrase");
    expectCryptoError(() => openWithPassphrase(tamperedNonce, passphrase), "wrong_passphrase");
    expectCryptoError(() => openWithPassphrase(raisedOps, passphrase), "wrong_passphrase");
  });

  it("refuses an unknown version or KDF with unsupported_format", () => {
    const v2 = { ...box, v: 2 } as unknown as SealedBox;
    const scrypt = { ...box, kdf: "scrypt" } as unknown as SealedBox;
    expectCryptoError(() => openWithPassphrase(v2, passphrase), "unsupported_format");
    expectCryptoError(() => openWithPassphrase(scrypt, passphrase), "unsupported_format");
  });

  it("refuses KDF parameters weaker than interactive before deriving anything", () => {
    expectCryptoError(
      () => openWithPassphrase({ ...box, opslimit: 1 }, passphrase),
      "unsafe_kdf_parameters",
    );
    expectCryptoError(
      () => openWithPassphrase({ ...box, memlimit: 8192 }, passphrase),
      "unsafe_kdf_parameters",
    );
  });

  it("refuses KDF parameters above sensitive, a denial of service, without deriving", () => {
    const started = performance.now();
    expectCryptoError(
      () => openWithPassphrase({ ...box, opslimit: 1_000 }, passphrase),
      "unsafe_kdf_parameters",
    );
    expectCryptoError(
      () => openWithPassphrase({ ...box, memlimit: 2 ** 40 }, passphrase),
      "unsafe_kdf_parameters",
    );
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("refuses a structurally malformed box with invalid_input", () => {
    const malformed: unknown[] = [
      null,
      "box",
      { ...box, salt: "!!!" },
      { ...box, salt: toWire(new Uint8Array(8)) },
      { ...box, nonce: toWire(new Uint8Array(12)) },
      { ...box, ciphertext: toWire(new Uint8Array(4)) },
      { ...box, opslimit: "2" },
      { v: 1, kdf: "argon2id13" },
    ];
    for (const value of malformed) {
      expectCryptoError(() => openWithPassphrase(value as SealedBox, passphrase), "invalid_input");
    }
  });

  it("refuses an empty passphrase when sealing", () => {
    expectCryptoError(
      () => sealWithPassphrase(plaintext, "", { strength: "interactive" }),
      "invalid_input",
    );
  });

  it("treats composed and decomposed accents as the same passphrase", () => {
    const composed = "caf\u00e9 cr\u00e8me";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const sealed = sealWithPassphrase(plaintext, composed, { strength: "interactive" });
    expect(openWithPassphrase(sealed, decomposed)).toEqual(plaintext);
  });

  it("seals device keys so that they come back intact", () => {
    const sealed = sealWithPassphrase(serializeDeviceKeys(keys), passphrase, {
      strength: "interactive",
    });
    expect(deserializeDeviceKeys(openWithPassphrase(sealed, passphrase))).toEqual(keys);
  });
});

describe("wipe", () => {
  it("zeroes the bytes in place", () => {
    const secret = randomBytes(64);
    wipe(secret);
    expect(secret).toEqual(new Uint8Array(64));
  });
});

describe("DeviceCrypto", () => {
  it("is implemented by sodiumDeviceCrypto", async () => {
    const crypto: DeviceCrypto = sodiumDeviceCrypto;
    await crypto.ready();
    const device = crypto.generateDeviceKeys();
    const challenge = crypto.randomBytes(32);
    const signature = crypto.signStatement(
      SignatureContexts.loginChallenge,
      challenge,
      device.signing.privateKey,
    );
    expect(
      crypto.verifyStatement(
        SignatureContexts.loginChallenge,
        signature,
        challenge,
        device.signing.publicKey,
      ),
    ).toBe(true);
    expect(Object.isFrozen(crypto)).toBe(true);
  });
});

function toWire(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}
