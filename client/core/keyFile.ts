// Node-only: the web app keeps its sealed keys in IndexedDB, not in a file.
import { chmod, mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import type { DeviceKeys, SealedBox, SealingStrength } from "#client/core/crypto/index";
import {
  CryptoError,
  deserializeDeviceKeys,
  openWithPassphrase,
  randomToken,
  ready,
  sealedBoxSchema,
  sealWithPassphrase,
  serializeDeviceKeys,
  wipe,
} from "#client/core/crypto/index";

const KEY_FILE_VERSION = 1;

/** What a key file says about its device, readable without the passphrase. */
export const keyFileMetaSchema = z.object({
  /** Base URL of the hub the device is enrolled on. */
  hubUrl: z.url({ protocol: /^https?$/ }),
  /** The hub's id of this device. */
  deviceId: z.string().min(1),
  /** The hub's id of the device's user. */
  userId: z.string().min(1),
  /** The user's login name, to prefill prompts. */
  username: z.string().min(1),
});

/** Public metadata stored beside the sealed keys. */
export type KeyFileMeta = z.infer<typeof keyFileMetaSchema>;

/** A device key file: public metadata and the passphrase-sealed device keys. */
const keyFileSchema = z.object({
  /** Format version; bumped on any incompatible change. */
  v: z.literal(KEY_FILE_VERSION),
  meta: keyFileMetaSchema,
  /** `serializeDeviceKeys` output sealed with the user's passphrase. */
  sealed: sealedBoxSchema,
});

type KeyFile = z.infer<typeof keyFileSchema>;

/** Options of `writeKeyFile`. */
export interface WriteKeyFileOptions {
  /** Argon2id cost; defaults to "moderate". "interactive" is meant for tests. */
  strength?: SealingStrength;
}

/**
 * Seals `keys` under `passphrase` and writes them with `meta` to `path`, mode
 * 0600. A missing parent directory is created with mode 0700 (an existing one
 * is left as is). The file is written to a temporary file in the same
 * directory, synced and then renamed over `path`, so a crash leaves either
 * the old file or the new one, never half of one; the rename also replaces
 * any previous file with one that has the right mode.
 */
export async function writeKeyFile(
  path: string,
  keys: DeviceKeys,
  passphrase: string,
  meta: KeyFileMeta,
  options: WriteKeyFileOptions = {},
): Promise<void> {
  const checkedMeta = keyFileMetaSchema.safeParse(meta);
  if (!checkedMeta.success) {
    // Refuse to write a file that readKeyFile would then reject.
    throw new CryptoError("invalid_input", "invalid key file metadata", {
      cause: checkedMeta.error,
    });
  }
  await ready();
  const plaintext = serializeDeviceKeys(keys);
  let sealed: SealedBox;
  try {
    sealed = sealWithPassphrase(plaintext, passphrase, { strength: options.strength });
  } finally {
    wipe(plaintext);
  }
  const file: KeyFile = { v: KEY_FILE_VERSION, meta: checkedMeta.data, sealed };
  await writeFileAtomically(path, `${JSON.stringify(file, null, 2)}\n`);
}

/**
 * Reads and decrypts a key file. Throws `CryptoError`: `wrong_passphrase`,
 * `unsupported_format` for a file or box from an unknown version,
 * `corrupt_key_file` for contents that do not match the schema, plus the
 * other codes of `openWithPassphrase`. File-system errors (e.g. ENOENT) are
 * passed through unchanged.
 */
export async function readKeyFile(
  path: string,
  passphrase: string,
): Promise<{ keys: DeviceKeys; meta: KeyFileMeta }> {
  const file = await loadKeyFile(path);
  await ready();
  const plaintext = openWithPassphrase(file.sealed, passphrase);
  try {
    return { keys: deserializeDeviceKeys(plaintext), meta: file.meta };
  } finally {
    wipe(plaintext);
  }
}

/**
 * Returns a key file's metadata without the passphrase (e.g. to show which
 * hub and user a device belongs to before prompting). Validates the whole file.
 */
export async function readKeyFileMeta(path: string): Promise<KeyFileMeta> {
  return (await loadKeyFile(path)).meta;
}

async function loadKeyFile(path: string): Promise<KeyFile> {
  const text = await readFile(path, "utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new CryptoError("corrupt_key_file", `${path} is not valid JSON`, { cause });
  }
  const parsed = keyFileSchema.safeParse(raw);
  if (parsed.success) {
    return parsed.data;
  }
  // A version or KDF we do not know is most likely a newer client's file, not
  // damage: say so, so the user upgrades rather than re-enrols.
  const unknownVersion = parsed.error.issues.some(
    (issue) =>
      issue.code === "invalid_value" &&
      ["v", "sealed.v", "sealed.kdf"].includes(issue.path.join(".")),
  );
  throw new CryptoError(
    unknownVersion ? "unsupported_format" : "corrupt_key_file",
    unknownVersion
      ? `${path} has an unsupported format version`
      : `${path} is not a valid key file`,
    { cause: parsed.error },
  );
}

async function writeFileAtomically(path: string, contents: string): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const temporaryPath = join(directory, `.${basename(path)}.${randomToken(9)}.tmp`);
  // "wx": never follow or reuse an existing file at the temporary path.
  const handle = await open(temporaryPath, "wx", 0o600);
  try {
    try {
      await handle.writeFile(contents, "utf8");
      // The umask can only remove bits, but set the mode explicitly anyway.
      await handle.chmod(0o600);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporaryPath, path);
  } catch (error) {
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
  // rename keeps the temporary file's mode; this only guards odd file systems.
  await chmod(path, 0o600);
  await syncDirectory(directory);
}

// Makes the rename itself durable. Not supported everywhere (e.g. Windows),
// where the rename is still atomic, just not yet flushed.
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort, see above.
  }
}
