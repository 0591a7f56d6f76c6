import { mkdir, open, readFile, rename, rm, unlink } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";

/**
 * A profile directory: one enrolled device (`device.key`, its sealed keys and metadata) and its
 * current session (`session.json`). Both files are mode 0600, the directory 0700.
 */
export interface Profile {
  readonly dir: string;
  readonly keyFile: string;
  readonly sessionFile: string;
}

/** `--home DIR`, else `RELAIS_HOME`, else `~/.relais`. */
export function resolveProfile(home: string | undefined, env: NodeJS.ProcessEnv): Profile {
  const dir = resolve(home ?? env.RELAIS_HOME ?? join(homedir(), ".relais"));
  return { dir, keyFile: join(dir, "device.key"), sessionFile: join(dir, "session.json") };
}

/** A bearer session as stored in `session.json`. */
export const storedSessionSchema = z.object({
  /** Format version; bumped on any incompatible change. */
  v: z.literal(1),
  hubUrl: z.string(),
  /** The bearer token: a secret, which is why the file is mode 0600. */
  token: z.string().min(1),
  sessionId: z.string(),
  personId: z.string(),
  deviceId: z.string(),
  expiresAt: z.string(),
});

/** See {@link storedSessionSchema}. */
export type StoredSession = z.infer<typeof storedSessionSchema>;

/** The stored session, or null when there is none (or it cannot be read as one). */
export async function readSession(profile: Profile): Promise<StoredSession | null> {
  let text: string;
  try {
    text = await readFile(profile.sessionFile, "utf8");
  } catch (error) {
    if (isMissingFile(error)) return null;
    throw error;
  }
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Stores the session atomically with mode 0600 (temporary file, then rename). */
export async function writeSession(profile: Profile, session: StoredSession): Promise<void> {
  await ensureProfileDir(profile);
  const temporary = join(profile.dir, `.session.${process.pid}.${Date.now()}.tmp`);
  // "wx" never reuses an existing file; the mode is set at creation, before any byte is written.
  const handle = await open(temporary, "wx", 0o600);
  try {
    try {
      await handle.writeFile(`${JSON.stringify(session, null, 2)}\n`, "utf8");
      await handle.chmod(0o600);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, profile.sessionFile);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Forgets the stored session. */
export async function removeSession(profile: Profile): Promise<void> {
  await rm(profile.sessionFile, { force: true });
}

/** Creates the profile directory (mode 0700) if needed; an existing directory is left as is. */
export async function ensureProfileDir(profile: Profile): Promise<void> {
  await mkdir(profile.dir, { recursive: true, mode: 0o700 });
}

/** Whether the profile already holds a device key. */
export async function hasKeyFile(profile: Profile): Promise<boolean> {
  try {
    await readFile(profile.keyFile);
    return true;
  } catch (error) {
    if (isMissingFile(error)) return false;
    throw error;
  }
}

/** True for ENOENT. */
export function isMissingFile(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
