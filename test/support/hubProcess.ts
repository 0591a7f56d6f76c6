import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestDatabase } from "./database";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** A hub started as `npm start` starts it: a real child process running server/main.ts. */
export interface HubProcess {
  readonly child: ChildProcess;
  readonly url: string;
  stdout(): string;
  stderr(): string;
  /** Sends a signal and resolves with the exit code. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Environment pointing a child hub at a test database on a free port. */
export function childEnv(
  testDatabase: TestDatabase,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, TEST_DATABASE_URL: _test, ...inherited } = process.env;
  return {
    ...inherited,
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: testDatabase.dataDir,
    LOG_LEVEL: "info",
    ...(testDatabase.database.kind === "postgres"
      ? { DATABASE_URL: testDatabase.database.url }
      : {}),
    ...extra,
  };
}

/** Runs the hub entry point and resolves once it prints where it listens. */
export function spawnHub(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<HubProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    err += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`hub did not start: ${out}${err}`));
    }, timeoutMs);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      resolve({
        child,
        url: match[1],
        stdout: () => out,
        stderr: () => err,
        kill: (signal) => {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        Object.assign(new Error(`hub exited with ${code}: ${err}`), {
          code,
          stderr: err,
          stdout: out,
        }),
      );
    });
  });
}
