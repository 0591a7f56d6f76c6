import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ready } from "#client/core/crypto/index";
import { readKeyFile } from "#client/core/keyFile";
import { toBase64Url } from "#shared/encoding";
import { startTestHub, type TestHub } from "../support/hub";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const posixOnly = process.platform === "win32" ? it.skip : it;

/** Codes for a TOTP secret that never reuse a time step (the hub refuses a replayed step). */
class Authenticator {
  private lastStep = 0;
  constructor(readonly secret: string) {}

  async code(): Promise<string> {
    const currentStep = Math.floor(Date.now() / 30_000);
    const step = Math.max(currentStep, this.lastStep + 1);
    if (step > currentStep + 1) {
      await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 - Date.now() + 200));
    }
    this.lastStep = step;
    return generate({ secret: this.secret, epoch: step * 30 });
  }
}

interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The authenticator set up from the TOTP secret the CLI showed, when it showed one. */
  authenticator: Authenticator | null;
}

/**
 * Runs `node client/cli/bin.js ...args` as a user would, asynchronously (the hub runs in this
 * process). Writes `stdin` lines first; when the CLI shows an otpauth URI, answers its TOTP
 * prompt with a code computed from the URI's `secret=`, as an authenticator app would.
 */
function relais(args: string[], options: { stdin?: string[] } = {}): Promise<CliRun> {
  const { RELAIS_HOME: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, ["client/cli/bin.js", ...args], { cwd: projectRoot, env });
  let stdout = "";
  let stderr = "";
  let authenticator: Authenticator | null = null;
  for (const line of options.stdin ?? []) child.stdin.write(`${line}\n`);
  child.stdout.on("data", (chunk) => {
    stdout += String(chunk);
    const secret = /otpauth:\/\/totp\/\S*[?&]secret=([A-Z2-7]+)/.exec(stdout)?.[1];
    if (secret && authenticator === null) {
      authenticator = new Authenticator(secret);
      void authenticator.code().then((code) => child.stdin.end(`${code}\n`));
    }
  });
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  if (!args.includes("enrol")) child.stdin.end();
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode) => resolve({ exitCode, stdout, stderr, authenticator }));
  });
}

const adminPassword = "river-lantern-Sahel-2031";
const adminPassphrase = "a long passphrase for the operations laptop";
const coordinatorPassword = "Agadez-dune-compass-77";

let testHub: TestHub;
let workDir: string;
let adminHome: string;
let coordinatorHome: string;
let passwordFile: string;
let passphraseFile: string;
let adminTotp: Authenticator;
const everyOutput: string[] = [];

beforeAll(async () => {
  await ready();
  testHub = await startTestHub();
  workDir = await mkdtemp(join(tmpdir(), "relais-cli-"));
  adminHome = join(workDir, "admin");
  coordinatorHome = join(workDir, "coordinator");
  passwordFile = join(workDir, "password.txt");
  passphraseFile = join(workDir, "passphrase.txt");
  await writeFile(passwordFile, `${adminPassword}\n`, { mode: 0o600 });
  await writeFile(passphraseFile, `${adminPassphrase}\n`, { mode: 0o600 });
});
afterAll(async () => {
  await testHub?.destroy();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Runs the CLI and keeps its output for the check that no secret was ever printed. */
async function run(args: string[], options: { stdin?: string[] } = {}): Promise<CliRun> {
  const result = await relais(args, options);
  everyOutput.push(result.stdout, result.stderr);
  return result;
}

describe("the relais CLI", { timeout: 120_000 }, () => {
  it("enrols the bootstrap administrator, showing the TOTP setup and asking for the code", async () => {
    const code = testHub.hub.bootstrapCode ?? "";
    const enrol = await run([
      "enrol",
      "--hub",
      testHub.url,
      "--code",
      code,
      "--device-name",
      "ops laptop",
      "--password-file",
      passwordFile,
      "--passphrase-file",
      passphraseFile,
      "--home",
      adminHome,
    ]);
    expect(enrol.stderr).toContain("6-digit code from your authenticator");
    expect(enrol.stderr).not.toMatch(/^relais: /m);
    expect(enrol.exitCode).toBe(0);
    expect(enrol.stdout).toContain("otpauth://totp/");
    expect(enrol.stdout).toMatch(/active\s+ops laptop\s+root device/);
    expect(enrol.authenticator).not.toBeNull();
    adminTotp = enrol.authenticator ?? adminTotp;
  });

  posixOnly("keeps the device keys sealed under the passphrase in a 0600 key file", async () => {
    const keyFile = join(adminHome, "device.key");
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(adminHome)).mode & 0o777).toBe(0o700);
    const text = await readFile(keyFile, "utf8");
    const { keys, meta } = await readKeyFile(keyFile, adminPassphrase);
    expect(meta).toMatchObject({ hubUrl: testHub.url, username: "admin" });
    for (const secret of [
      keys.signing.privateKey,
      keys.signing.privateKey.subarray(0, 32),
      keys.encryption.privateKey,
    ]) {
      expect(text).not.toContain(toBase64Url(secret));
      expect(text).not.toContain(Buffer.from(secret).toString("base64"));
    }
    expect(text).not.toMatch(/privateKey/i);
  });

  it("logs in non-interactively and stores the bearer session in a 0600 file", async () => {
    const login = await run([
      "login",
      "--password-file",
      passwordFile,
      "--passphrase-file",
      passphraseFile,
      "--totp-code",
      await adminTotp.code(),
      "--home",
      adminHome,
    ]);
    expect(login.stderr).not.toMatch(/^relais: /m);
    expect(login.exitCode).toBe(0);
    expect(login.stdout).toContain("Logged in as");
    const sessionFile = join(adminHome, "session.json");
    if (process.platform !== "win32") expect((await stat(sessionFile)).mode & 0o777).toBe(0o600);
    const session = JSON.parse(await readFile(sessionFile, "utf8")) as { token: string };
    everyOutput.forEach((text) => {
      expect(text).not.toContain(session.token);
    });
  });

  it("answers whoami and lists the administrator's devices", async () => {
    const whoami = await run(["whoami", "--json", "--home", adminHome]);
    expect(whoami.exitCode).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      person: { username: "admin", role: "administrator" },
      session: { kind: "bearer" },
    });
    const devices = await run(["devices", "list", "--json", "--home", adminHome]);
    expect(devices.exitCode).toBe(0);
    const { devices: list } = JSON.parse(devices.stdout) as {
      devices: Array<{ name: string; status: string }>;
    };
    expect(list).toEqual([expect.objectContaining({ name: "ops laptop", status: "active" })]);
  });

  it("enrols a coordinator answering every prompt on stdin, then the administrator approves the device", async () => {
    const created = await run([
      "persons",
      "create",
      "--username",
      "ne.coordinator",
      "--display-name",
      "Coordinator Niger",
      "--role",
      "coordinator",
      "--country",
      "ne",
      "--passphrase-file",
      passphraseFile,
      "--json",
      "--home",
      adminHome,
    ]);
    expect(created.exitCode).toBe(0);
    const { enrolment } = JSON.parse(created.stdout) as { enrolment: { code: string } };
    const enrol = await run(
      [
        "enrol",
        "--hub",
        testHub.url,
        "--code",
        enrolment.code,
        "--key-strength",
        "interactive",
        "--home",
        coordinatorHome,
      ],
      { stdin: [coordinatorPassword, "the coordinator's key passphrase"] },
    );
    expect(enrol.exitCode).toBe(0);
    expect(enrol.stdout).toContain("must be approved");
    const pending = await run(["devices", "pending", "--json", "--home", adminHome]);
    const [device] = (JSON.parse(pending.stdout) as { devices: Array<{ id: string }> }).devices;
    const approve = await run([
      "devices",
      "approve",
      device?.id ?? "",
      "--passphrase-file",
      passphraseFile,
      "--home",
      adminHome,
    ]);
    expect(approve.exitCode).toBe(0);
    expect(approve.stdout).toMatch(/Approved: .* active/);
  });

  it("prints failures as 'relais: <code>: <message>' with exit code 1, usage errors with 2", async () => {
    const wrongPassphrase = join(workDir, "wrong.txt");
    await writeFile(wrongPassphrase, "not the passphrase\n");
    const login = await run(["login", "--passphrase-file", wrongPassphrase, "--home", adminHome]);
    expect(login.exitCode).toBe(1);
    expect(login.stderr).toMatch(/^relais: wrong_passphrase: /m);
    const usage = await run([
      "persons",
      "create",
      "--username",
      "x.y.z",
      "--display-name",
      "X",
      "--role",
      "king",
    ]);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toMatch(/^relais: usage: /);
    const nobody = await run(["whoami", "--home", join(workDir, "empty")]);
    expect(nobody).toMatchObject({
      exitCode: 1,
      stderr: expect.stringMatching(/^relais: not_logged_in: /),
    });
  });

  it("never prints a password or a passphrase", () => {
    for (const text of everyOutput) {
      for (const secret of [adminPassword, adminPassphrase, coordinatorPassword]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});
