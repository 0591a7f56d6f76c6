import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CryptoError,
  type CryptoErrorCode,
  type DeviceKeys,
  generateDeviceKeys,
  ready,
  serializeDeviceKeys,
} from "#client/core/crypto/index";
import { type KeyFileMeta, readKeyFile, readKeyFileMeta, writeKeyFile } from "#client/core/keyFile";

const passphrase = "correct horse battery staple";
const meta: KeyFileMeta = {
  hubUrl: "https://hub.example.org",
  deviceId: "dev_01",
  userId: "usr_01",
  username: "focal.point",
};
// File modes are not enforced on Windows.
const posixOnly = process.platform === "win32" ? it.skip : it;

async function expectCryptoError(action: Promise<unknown>, code: CryptoErrorCode): Promise<void> {
  const error = await action.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CryptoError);
  expect((error as CryptoError).code).toBe(code);
}

let directory: string;
let keys: DeviceKeys;
/** A valid key file written once, reused by tests that only read. */
let sharedPath: string;

beforeAll(async () => {
  await ready();
  keys = generateDeviceKeys();
  directory = await mkdtemp(join(tmpdir(), "relais-keyfile-"));
  sharedPath = join(directory, "shared", "device.key");
  await writeKeyFile(sharedPath, keys, passphrase, meta, { strength: "interactive" });
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Writes a copy of the shared key file with `change` applied to its JSON. */
async function variantOf(name: string, change: (file: Record<string, unknown>) => void) {
  const file = JSON.parse(await readFile(sharedPath, "utf8")) as Record<string, unknown>;
  change(file);
  const path = join(directory, name);
  await writeFile(path, JSON.stringify(file));
  return path;
}

describe("key file", () => {
  it("round-trips the device keys and metadata", async () => {
    const read = await readKeyFile(sharedPath, passphrase);
    expect(read.keys).toEqual(keys);
    expect(read.meta).toEqual(meta);
  });

  posixOnly(
    "creates the file with mode 0600 and a missing parent directory with 0700",
    async () => {
      expect((await stat(sharedPath)).mode & 0o777).toBe(0o600);
      expect((await stat(join(directory, "shared"))).mode & 0o777).toBe(0o700);
    },
  );

  posixOnly("replaces an existing file and leaves it with mode 0600", async () => {
    const path = join(directory, "existing.key");
    await writeFile(path, "old contents", { mode: 0o644 });
    await chmod(path, 0o644);
    await writeKeyFile(path, keys, passphrase, meta, { strength: "interactive" });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readKeyFile(path, passphrase)).keys).toEqual(keys);
  });

  it("leaves no temporary file behind", async () => {
    const entries = await readdir(join(directory, "shared"));
    expect(entries).toEqual(["device.key"]);
  });

  it("stores versioned JSON with the private keys sealed, never in clear", async () => {
    const text = await readFile(sharedPath, "utf8");
    const file = JSON.parse(text);
    expect(file).toMatchObject({ v: 1, meta, sealed: { v: 1, kdf: "argon2id13" } });
    const serialized = JSON.parse(new TextDecoder().decode(serializeDeviceKeys(keys)));
    expect(text).not.toContain(serialized.signing.privateKey);
    expect(text).not.toContain(serialized.encryption.privateKey);
  });

  it("reads the metadata without the passphrase", async () => {
    expect(await readKeyFileMeta(sharedPath)).toEqual(meta);
  });

  it("refuses a wrong passphrase with wrong_passphrase", async () => {
    await expectCryptoError(readKeyFile(sharedPath, "wrong passphrase"), "wrong_passphrase");
  });

  it("refuses contents that are not a key file with corrupt_key_file", async () => {
    const notJson = join(directory, "not-json.key");
    await writeFile(notJson, "{ truncated");
    const noMeta = await variantOf("no-meta.key", (file) => {
      delete file.meta;
    });
    const badUrl = await variantOf("bad-url.key", (file) => {
      file.meta = { ...meta, hubUrl: "not a url" };
    });
    const badSalt = await variantOf("bad-salt.key", (file) => {
      file.sealed = { ...(file.sealed as object), salt: "***" };
    });
    for (const path of [notJson, noMeta, badUrl, badSalt]) {
      await expectCryptoError(readKeyFileMeta(path), "corrupt_key_file");
      await expectCryptoError(readKeyFile(path, passphrase), "corrupt_key_file");
    }
  });

  it("refuses a file or sealed box of an unknown version with unsupported_format", async () => {
    const fileV2 = await variantOf("file-v2.key", (file) => {
      file.v = 2;
    });
    const boxV2 = await variantOf("box-v2.key", (file) => {
      file.sealed = { ...(file.sealed as object), v: 2 };
    });
    for (const path of [fileV2, boxV2]) {
      await expectCryptoError(readKeyFile(path, passphrase), "unsupported_format");
    }
  });

  it("refuses weak KDF parameters in the file with unsafe_kdf_parameters", async () => {
    const weak = await variantOf("weak.key", (file) => {
      file.sealed = { ...(file.sealed as object), opslimit: 1, memlimit: 8192 };
    });
    await expectCryptoError(readKeyFile(weak, passphrase), "unsafe_kdf_parameters");
  });

  it("refuses to write invalid metadata, and writes nothing", async () => {
    const path = join(directory, "invalid-meta", "device.key");
    await expectCryptoError(
      writeKeyFile(path, keys, passphrase, { ...meta, deviceId: "" }, { strength: "interactive" }),
      "invalid_input",
    );
    await expect(stat(path)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("passes file-system errors through", async () => {
    await expect(readKeyFileMeta(join(directory, "missing.key"))).rejects.toMatchObject({
      code: "ENOENT",
    });
  });

  posixOnly("does not touch the permissions of an existing parent directory", async () => {
    const parent = join(directory, "existing-parent");
    await mkdir(parent, { mode: 0o755 });
    await chmod(parent, 0o755);
    await writeKeyFile(join(parent, "device.key"), keys, passphrase, meta, {
      strength: "interactive",
    });
    expect((await stat(parent)).mode & 0o777).toBe(0o755);
  });

  it("cleans up its temporary file when the final rename fails", async () => {
    const parent = join(directory, "rename-fails");
    const target = join(parent, "device.key");
    // A non-empty directory at the target path makes rename() fail.
    await mkdir(join(target, "occupied"), { recursive: true });
    await expect(
      writeKeyFile(target, keys, passphrase, meta, { strength: "interactive" }),
    ).rejects.toBeTruthy();
    expect(await readdir(parent)).toEqual(["device.key"]);
    expect((await stat(target)).isDirectory()).toBe(true);
  });
});
