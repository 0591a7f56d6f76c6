import type { Command } from "commander";
import { wipe } from "#client/core/crypto/index";
import { HubError } from "#client/core/errors";
import { HubClient } from "#client/core/hubClient";
import { removeSession, writeSession } from "../profile.ts";
import {
  type CliContext,
  CliError,
  loggedInClient,
  output,
  profileOf,
  readSecret,
  readTotpCode,
  unlockDeviceKeys,
} from "./cliContext.ts";
import { deviceLine, personLine } from "./present.ts";

interface LoginOptions {
  passwordFile?: string;
  passphraseFile?: string;
  totpCode?: string;
}

/** `relais login`, `relais whoami`, `relais logout`. */
export function registerSessionCommands(program: Command, context: CliContext): void {
  program
    .command("login")
    .description("log in with your password, your TOTP code and this device's key")
    .option("--password-file <file>", "read the password from a file instead of the prompt")
    .option("--passphrase-file <file>", "read the key file passphrase from a file")
    .option("--totp-code <code>", "the 6-digit code from your authenticator")
    .action((options: LoginOptions, command: Command) => login(context, command, options));

  program
    .command("whoami")
    .description("show the person, device and session you are logged in as")
    .action(async (_options: unknown, command: Command) => {
      const { client } = await loggedInClient(profileOf(context, command));
      const me = await client.me();
      output(context, command, me, () => [
        `person:  ${personLine(me.person)}`,
        `device:  ${deviceLine(me.device)}`,
        `session: ${me.session.id}, expires ${me.session.expiresAt}`,
      ]);
    });

  program
    .command("logout")
    .description("end the session on the hub and forget it here")
    .action(async (_options: unknown, command: Command) => {
      const profile = profileOf(context, command);
      const { client } = await loggedInClient(profile);
      try {
        await client.logout();
      } catch (error) {
        // A session the hub already ended is logged out all the same.
        if (!(error instanceof HubError && error.status === 401)) throw error;
      }
      await removeSession(profile);
      output(context, command, { loggedOut: true }, () => ["Logged out."]);
    });
}

async function login(context: CliContext, command: Command, options: LoginOptions): Promise<void> {
  const profile = profileOf(context, command);
  // The key is unlocked first: a wrong passphrase fails before the hub sees any attempt.
  const { keys, meta } = await unlockDeviceKeys(context, profile, options.passphraseFile);
  try {
    context.note(`Logging in to ${meta.hubUrl} as ${meta.username}`);
    const password = await readSecret(context, {
      file: options.passwordFile,
      question: "Password",
    });
    const totpCode = await readTotpCode(context, options.totpCode);
    const client = new HubClient({ hubUrl: meta.hubUrl });
    const result = await client.login({
      username: meta.username,
      password,
      totpCode,
      deviceId: meta.deviceId,
      keys,
      sessionKind: "bearer",
    });
    if (client.token === null) throw new CliError("internal", "the login gave no bearer token");
    await writeSession(profile, {
      v: 1,
      hubUrl: meta.hubUrl,
      token: client.token,
      sessionId: result.session.id,
      personId: result.person.id,
      deviceId: result.device.id,
      expiresAt: result.session.expiresAt,
    });
    output(context, command, { person: result.person, session: result.session }, () => [
      `Logged in as ${personLine(result.person)}`,
      `Session expires ${result.session.expiresAt}.`,
    ]);
  } finally {
    wipe(keys.signing.privateKey);
    wipe(keys.encryption.privateKey);
  }
}
