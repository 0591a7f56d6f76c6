import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { writeKeyFile } from "#client/core/keyFile";
import { type CliRun, runCli } from "./cli";
import type { TestClock } from "./clock";
import { type TestMember, totpAt } from "./network";

/** CLI profiles of enrolled test members, in a work folder of their own. */
export interface CliProfiles {
  readonly workDir: string;
  /** A file holding the profiles' key-file passphrase. */
  readonly passphraseFile: string;
  /** `relais --home HOME ...args --passphrase-file ...`, for commands that unlock the keys. */
  unlocked(home: string, args: string[]): Promise<CliRun>;
  /** A profile for `member`: the device key file, then `relais login` as the person would. */
  profileFor(member: TestMember, name: string): Promise<string>;
  /** Deletes the work folder. */
  remove(): Promise<void>;
}

export async function createCliProfiles(options: {
  prefix: string;
  hubUrl: string;
  clock: TestClock;
  passphrase: string;
}): Promise<CliProfiles> {
  const workDir = await mkdtemp(join(tmpdir(), options.prefix));
  const passphraseFile = join(workDir, "passphrase.txt");
  await writeFile(passphraseFile, `${options.passphrase}\n`, { mode: 0o600 });
  const unlocked = (home: string, args: string[]) =>
    runCli(["--home", home, ...args, "--passphrase-file", passphraseFile]);
  return {
    workDir,
    passphraseFile,
    unlocked,
    async profileFor(member, name) {
      const home = join(workDir, name);
      const passwordFile = join(workDir, `${name}.password`);
      await writeFile(passwordFile, `${member.password}\n`, { mode: 0o600 });
      const meta = {
        hubUrl: options.hubUrl,
        deviceId: member.deviceId,
        userId: member.person.id,
        username: member.username,
      };
      await writeKeyFile(join(home, "device.key"), member.keys, options.passphrase, meta, {
        strength: "interactive",
      });
      const totpCode = await totpAt(options.clock, member.totpSecret);
      await succeed(
        unlocked(home, ["login", "--password-file", passwordFile, "--totp-code", totpCode]),
      );
      return home;
    },
    remove: () => rm(workDir, { recursive: true, force: true }),
  };
}

/** Runs a command that must succeed and returns its stdout. */
export async function succeed(run: Promise<CliRun>): Promise<string> {
  const done = await run;
  expect(done.stderr).not.toMatch(/^relais: /m);
  expect(done.exitCode).toBe(0);
  return done.stdout;
}

/**
 * The CLI signs with the real time, which the hub accepts within five minutes of its own clock:
 * a setup whose TOTP steps moved the hub clock from well before now sets it just ahead of the
 * real time (forward only, so no assignment is undone).
 */
export function catchUpWithRealTime(clock: TestClock): void {
  const ahead = Date.now() + 60_000 - clock.now().getTime();
  if (ahead < 0) throw new Error("the setup took the hub clock past the real time");
  clock.advance(ahead);
}
