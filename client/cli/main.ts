import { Command, CommanderError } from "commander";
import { CryptoError } from "#client/core/crypto/index";
import { ClientError, HubError } from "#client/core/errors";
import { LogVerificationError } from "#client/core/log/index";
import { registerAlertCommands } from "./commands/alert.ts";
import { registerAuditCommands, warnAboutSecurityAlerts } from "./commands/audit.ts";
import { registerChannelCommands } from "./commands/channel.ts";
import { type CliContext, CliError } from "./commands/cliContext.ts";
import { registerDeviceCommands } from "./commands/devices.ts";
import { registerEnrolCommand } from "./commands/enrol.ts";
import { registerHandoverCommands } from "./commands/handover.ts";
import { registerMlaCommands } from "./commands/mla.ts";
import { registerPasswordCommands } from "./commands/password.ts";
import { registerPersonCommands } from "./commands/persons.ts";
import { registerPostCommands } from "./commands/post.ts";
import { registerRosterCommands } from "./commands/roster.ts";
import { registerSessionCommands } from "./commands/session.ts";
import { createPrompter, PromptAbortedError } from "./prompt.ts";

/** Builds the `relais` command tree. */
export function buildProgram(context: CliContext): Command {
  const program = new Command("relais")
    .description("Relais command-line client: enrolment, login, devices and people")
    .option("--home <dir>", "profile directory (default: $RELAIS_HOME, else ~/.relais)")
    .option("--json", "print results as JSON")
    // Errors are reported once, in our own format, by runCli (exit code 2 for usage errors).
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .showHelpAfterError(false);
  registerEnrolCommand(program, context);
  registerSessionCommands(program, context);
  registerDeviceCommands(program, context);
  registerPersonCommands(program, context);
  registerPasswordCommands(program, context);
  registerAuditCommands(program, context);
  registerRosterCommands(program, context);
  registerPostCommands(program, context);
  registerHandoverCommands(program, context);
  registerChannelCommands(program, context);
  registerAlertCommands(program, context);
  registerMlaCommands(program, context);
  program.hook("preAction", (_program, action) => warnAboutSecurityAlerts(context, action));
  return program;
}

/**
 * Runs the CLI on `argv` (as in `process.argv`) and resolves with the exit code: 0 on success,
 * 1 on failure, 2 on a usage error. Failures are printed as `relais: <code>: <message>`.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const prompter = createPrompter(process.stdin, process.stderr);
  const context: CliContext = {
    env: process.env,
    prompter,
    print: (line) => console.log(line),
    note: (line) => console.error(line),
  };
  try {
    await buildProgram(context).parseAsync([...argv]);
    return 0;
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.code !== "") console.error(`relais: ${failure.code}: ${failure.message}`);
    return failure.exitCode;
  } finally {
    prompter.close();
  }
}

function describeFailure(error: unknown): { code: string; message: string; exitCode: number } {
  if (error instanceof CommanderError) {
    // --help and --version end through the same path with exit code 0.
    if (error.exitCode === 0) return { code: "", message: "", exitCode: 0 };
    // A command group run without a subcommand: commander has already printed its help.
    if (error.code === "commander.help") return { code: "", message: "", exitCode: 2 };
    return { code: "usage", message: error.message.replace(/^error: /, ""), exitCode: 2 };
  }
  if (error instanceof CliError) {
    return { code: error.code, message: error.message, exitCode: error.exitCode };
  }
  if (error instanceof HubError || error instanceof ClientError) {
    return { code: error.code, message: error.message, exitCode: 1 };
  }
  if (error instanceof CryptoError) {
    const message =
      error.code === "wrong_passphrase" ? "wrong passphrase, or a damaged key file" : error.message;
    return { code: error.code, message, exitCode: 1 };
  }
  if (error instanceof LogVerificationError) {
    return { code: error.code, message: error.message, exitCode: 1 };
  }
  if (error instanceof PromptAbortedError) {
    return { code: "cancelled", message: error.message, exitCode: 1 };
  }
  if (error instanceof Error && "code" in error && typeof error.code === "string") {
    // File-system errors, e.g. a --password-file that does not exist.
    return { code: "file_error", message: error.message, exitCode: 1 };
  }
  return {
    code: "internal",
    message: error instanceof Error ? error.message : String(error),
    exitCode: 1,
  };
}
