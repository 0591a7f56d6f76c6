import { execFile } from "node:child_process";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../..", import.meta.url));
const webRoot = join(root, "client", "web");
/** Where the hub serves the app from (`server/http/webApp.ts`). */
export const webDist = join(webRoot, "dist");
const lockDir = join(webRoot, ".build-lock");
/** Everything the bundle is made of: a newer file than the build means rebuilding. */
const sources = [
  join(webRoot, "src"),
  join(webRoot, "index.html"),
  join(webRoot, "vite.config.ts"),
];
const bundled = [join(root, "client", "core"), join(root, "shared")];

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) {
    newest = Math.max(newest, await newestChange(join(path, entry)));
  }
  return newest;
}

async function isFresh(): Promise<boolean> {
  try {
    const built = (await stat(join(webDist, "index.html"))).mtimeMs;
    const changes = await Promise.all([...sources, ...bundled].map(newestChange));
    return changes.every((changed) => changed <= built);
  } catch {
    return false;
  }
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock older than the deadline is left over by a killed run.
      const age = Date.now() - (await stat(lockDir).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 180_000) await rm(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error("timed out waiting for another web build");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/**
 * Builds the web app with Vite unless the build in `client/web/dist` is newer than every source
 * it bundles. Test files (and parallel runs) share one build through a lock directory.
 */
export async function buildWebAppOnce(): Promise<void> {
  if (await isFresh()) return;
  await withLock(async () => {
    if (await isFresh()) return;
    const cli = join(root, "node_modules", "vite", "bin", "vite.js");
    const config = join(webRoot, "vite.config.ts");
    await promisify(execFile)(
      process.execPath,
      [cli, "build", "--config", config, "--logLevel", "warn"],
      {
        cwd: root,
      },
    );
  });
}
