import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** What one run of the CLI printed and how it ended. */
export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node client/cli/bin.js ...args` as a user would, with no input on stdin and no
 * RELAIS_HOME from the test's environment (tests pass `--home`).
 */
export function runCli(args: string[]): Promise<CliRun> {
  const { RELAIS_HOME: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, ["client/cli/bin.js", ...args], { cwd: projectRoot, env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  child.stdin.end();
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}
