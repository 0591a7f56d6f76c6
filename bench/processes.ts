import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export interface BenchProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry point in its own process and waits for "listening on URL". */
export function startProcess(entry: string, env: NodeJS.ProcessEnv = {}): Promise<BenchProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.once("exit", (code) => reject(new Error(`${entry} exited with ${code}`)));
    const onBanner = (chunk: Buffer) => {
      out += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match?.[1]) return;
      // From here on the output is drained unread: the benchmark must not pay for parsing it.
      child.stdout?.off("data", onBanner);
      child.stdout?.resume();
      child.removeAllListeners("exit");
      const exited = new Promise<void>((done) => child.once("exit", () => done()));
      resolve({
        url: match[1],
        stop: () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    };
    child.stdout?.on("data", onBanner);
  });
}

/** Starts the hub as `npm start` does, on a fresh embedded database, or on DATABASE_URL. */
export async function startHubProcess(env: NodeJS.ProcessEnv = {}): Promise<BenchProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), "relais-bench-"));
  const hub = await startProcess("server/main.ts", {
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    ...env,
  });
  return {
    url: hub.url,
    stop: async () => {
      await hub.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
