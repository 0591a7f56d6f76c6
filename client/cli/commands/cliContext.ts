import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { type DeviceKeys, wipe } from "#client/core/crypto/index";
import { HubClient } from "#client/core/hubClient";
import { type KeyFileMeta, readKeyFile, readKeyFileMeta } from "#client/core/keyFile";
import {
  isMissingFile,
  type Profile,
  readSession,
  resolveProfile,
  type StoredSession,
} from "../profile.ts";
import type { Prompter } from "../prompt.ts";

/** What every command needs from the process: the only place env and the console come in. */
export interface CliContext {
  readonly env: NodeJS.ProcessEnv;
  readonly prompter: Prompter;
  /** Writes a line of results to stdout. */
  readonly print: (line: string) => void;
  /** Writes a line of information to stderr. */
  readonly note: (line: string) => void;
}

/** Options every command accepts. */
export interface GlobalOptions {
  home?: string;
  json?: boolean;
}

/** A failure of the CLI itself; printed as `relais: <code>: <message>`. */
export class CliError extends Error {
  override readonly name = "CliError";

  constructor(
    readonly code: string,
    message: string,
    /** 2 for usage errors, 1 otherwise. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** The global options of the command being run. */
export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** The profile selected by `--home`, `RELAIS_HOME` or the default. */
export function profileOf(context: CliContext, command: Command): Profile {
  return resolveProfile(globalsOf(command).home, context.env);
}

/** Prints `json` with `--json`, the human lines otherwise. */
export function output(
  context: CliContext,
  command: Command,
  json: unknown,
  human: () => string[],
): void {
  if (globalsOf(command).json) context.print(JSON.stringify(json, null, 2));
  else for (const line of human()) context.print(line);
}

/**
 * Reads a secret from `file` (without its final line break) or asks for it. With `confirm`, an
 * interactive user types it twice.
 */
export async function readSecret(
  context: CliContext,
  options: { file?: string; question: string; confirm?: boolean },
): Promise<string> {
  let secret: string;
  if (options.file !== undefined) {
    secret = (await readFile(options.file, "utf8")).replace(/\r?\n$/, "");
  } else {
    secret = await context.prompter.askSecret(`${options.question}: `);
    if (options.confirm && context.prompter.interactive) {
      const again = await context.prompter.askSecret(`${options.question} (again): `);
      if (again !== secret) throw new CliError("mismatch", "the two entries differ");
    }
  }
  if (secret.length === 0) throw new CliError("empty_secret", `${options.question} is empty`);
  return secret;
}

/** A six-digit TOTP code from `--totp-code` or the prompt. */
export async function readTotpCode(context: CliContext, flag: string | undefined): Promise<string> {
  const code = (
    flag ?? (await context.prompter.ask("6-digit code from your authenticator: "))
  ).trim();
  if (!/^\d{6}$/.test(code)) throw new CliError("invalid_totp", "a TOTP code is 6 digits", 2);
  return code;
}

/** The metadata of the profile's device key, or a clear error when nothing is enrolled there. */
export async function deviceMeta(profile: Profile): Promise<KeyFileMeta> {
  try {
    return await readKeyFileMeta(profile.keyFile);
  } catch (error) {
    if (isMissingFile(error)) {
      throw new CliError("no_device", `no device key in ${profile.dir}: run "relais enrol" first`);
    }
    throw error;
  }
}

/** Decrypts the profile's device keys with the passphrase from `file` or the prompt. */
export async function unlockDeviceKeys(
  context: CliContext,
  profile: Profile,
  passphraseFile: string | undefined,
): Promise<{ keys: DeviceKeys; meta: KeyFileMeta }> {
  await deviceMeta(profile);
  const passphrase = await readSecret(context, {
    file: passphraseFile,
    question: "Passphrase of the device key",
  });
  return readKeyFile(profile.keyFile, passphrase);
}

/** A client on the profile's stored session; fails with `not_logged_in` when there is none. */
export async function loggedInClient(
  profile: Profile,
): Promise<{ client: HubClient; session: StoredSession }> {
  const session = await readSession(profile);
  if (session === null) {
    throw new CliError("not_logged_in", `no session in ${profile.dir}: run "relais login" first`);
  }
  if (Date.parse(session.expiresAt) <= Date.now()) {
    throw new CliError("session_expired", `the session has expired: run "relais login" again`);
  }
  return { client: new HubClient({ hubUrl: session.hubUrl, token: session.token }), session };
}

/**
 * A logged-in client that acts as the profile's device, for the actions whose transparency-log
 * entry the device signs. Unlocks the keys; `wipe` them with {@link lockDeviceKeys} afterwards.
 */
export async function signingClient(
  context: CliContext,
  profile: Profile,
  passphraseFile: string | undefined,
): Promise<{ client: HubClient; keys: DeviceKeys }> {
  const { client } = await loggedInClient(profile);
  const { keys, meta } = await unlockDeviceKeys(context, profile, passphraseFile);
  client.useDevice(meta.deviceId, keys);
  return { client, keys };
}

/** Zeroes the private keys once the signing action is done. */
export function lockDeviceKeys(keys: DeviceKeys): void {
  wipe(keys.signing.privateKey);
  wipe(keys.encryption.privateKey);
}
