// Node-only: files of a CLI profile.
import { mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Makes temporary names unique within the process, even for writes in the same millisecond. */
let writeCounter = 0;

/**
 * Writes `value` as JSON to `path`, readable by its owner only (file 0600, directory 0700), so
 * that a crash leaves the old content or the new, never half of one: the bytes go to a new
 * temporary file beside it, which is synced and then renamed over `path`.
 */
export async function writePrivateJsonFile(path: string, value: unknown): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const stem = basename(path).replace(/\.json$/, "");
  const temporary = join(directory, `.${stem}.${process.pid}.${Date.now()}.${++writeCounter}.tmp`);
  // "wx" never reuses an existing file; the mode is set at creation, before any byte is written.
  const handle = await open(temporary, "wx", 0o600);
  try {
    try {
      await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, "utf8");
      await handle.chmod(0o600);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
