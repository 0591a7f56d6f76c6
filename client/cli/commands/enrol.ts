import { hostname } from "node:os";
import { type Command, Option } from "commander";
import QRCode from "qrcode";
import { wipe } from "#client/core/crypto/index";
import { HubClient, type StartedEnrolment } from "#client/core/hubClient";
import { writeKeyFile } from "#client/core/keyFile";
import { ensureProfileDir, hasKeyFile } from "../profile.ts";
import {
  type CliContext,
  CliError,
  output,
  profileOf,
  readSecret,
  readTotpCode,
} from "./cliContext.ts";
import { deviceLine, personLine } from "./present.ts";

interface EnrolOptions {
  hub: string;
  code: string;
  deviceName: string;
  passwordFile?: string;
  passphraseFile?: string;
  totpCode?: string;
  keyStrength: "moderate" | "interactive";
}

/** `relais enrol`: redeems an enrolment, device or TOTP-reset code on this machine. */
export function registerEnrolCommand(program: Command, context: CliContext): void {
  program
    .command("enrol")
    .description("enrol this device (or reset your TOTP) with a code you were given")
    .requiredOption("--hub <url>", "the hub's URL, e.g. https://relais.example.org")
    .requiredOption("--code <code>", "the single-use code you were given")
    .option("--device-name <name>", "a name for this device", defaultDeviceName())
    .option("--password-file <file>", "read the password from a file instead of the prompt")
    .option("--passphrase-file <file>", "read the key file passphrase from a file")
    .option("--totp-code <code>", "the 6-digit code from your authenticator")
    .addOption(
      new Option("--key-strength <cost>", "Argon2id cost of sealing the key file")
        .choices(["moderate", "interactive"])
        .default("moderate"),
    )
    .action((options: EnrolOptions, command: Command) => enrol(context, command, options));
}

async function enrol(context: CliContext, command: Command, options: EnrolOptions): Promise<void> {
  const hubUrl = parseHubUrl(options.hub);
  const profile = profileOf(context, command);
  const client = new HubClient({ hubUrl });
  const started = await client.startEnrolment(options.code.trim());
  const createsDevice = started.kind !== "totp_reset";
  if (createsDevice && (await hasKeyFile(profile))) {
    throw new CliError(
      "profile_exists",
      `${profile.keyFile} already holds a device key: use another --home to enrol another device`,
    );
  }
  context.print(`Enrolment (${started.kind}) of ${personLine(started.person)}`);

  const choosesPassword = started.kind === "bootstrap" || started.kind === "person";
  const password = await readSecret(context, {
    file: options.passwordFile,
    question: choosesPassword ? "Choose your password" : "Your password",
    confirm: choosesPassword,
  });
  const passphrase = createsDevice
    ? await readSecret(context, {
        file: options.passphraseFile,
        question: "Choose a passphrase for this device's key file",
        confirm: true,
      })
    : null;
  await showTotpSetup(context, started);
  const totpCode = await readTotpCode(context, options.totpCode);

  if (passphrase !== null) await ensureProfileDir(profile);
  const result = await client.completeEnrolment({
    started,
    password,
    totpCode,
    deviceName: options.deviceName,
  });
  if (result.kind === "totp_reset") {
    output(context, command, { person: result.person }, () => [
      "Your authenticator is reset: use the new code from now on.",
    ]);
    return;
  }
  if (passphrase === null) throw new CliError("internal", "no passphrase for the new device key");
  try {
    const meta = {
      hubUrl,
      deviceId: result.deviceId,
      userId: result.person.id,
      username: result.person.username,
    };
    await writeKeyFile(profile.keyFile, result.keys, passphrase, meta, {
      strength: options.keyStrength,
    });
  } finally {
    wipe(result.keys.signing.privateKey);
    wipe(result.keys.encryption.privateKey);
  }
  output(context, command, { person: result.person, device: result.device }, () => [
    `Device enrolled: ${deviceLine(result.device)}`,
    `Key file: ${profile.keyFile}`,
    result.device.status === "active"
      ? 'You can now run "relais login".'
      : `The device must be approved before it can log in (relais devices approve ${result.deviceId}).`,
  ]);
}

async function showTotpSetup(context: CliContext, started: StartedEnrolment): Promise<void> {
  if (started.totp === null) return;
  const qr = await QRCode.toString(started.totp.otpauthUri, { type: "terminal", small: true });
  context.print(
    "Add this account to your authenticator app (scan the QR code or type the secret):",
  );
  context.print(qr);
  context.print(`  ${started.totp.otpauthUri}`);
  context.print(`  secret: ${started.totp.secret}`);
}

function parseHubUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError("usage", `--hub must be a URL, not ${JSON.stringify(text)}`, 2);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new CliError("usage", "--hub must be an https:// (or http://) URL", 2);
  }
  return url.toString().replace(/\/+$/, "");
}

function defaultDeviceName(): string {
  return `relais CLI on ${hostname()}`.slice(0, 64);
}
