import type { Command } from "commander";
import { type CliContext, loggedInClient, output, profileOf, readSecret } from "./cliContext.ts";

interface ChangePasswordOptions {
  currentPasswordFile?: string;
  newPasswordFile?: string;
}

/** `relais password change`. */
export function registerPasswordCommands(program: Command, context: CliContext): void {
  program
    .command("password")
    .description("your password")
    .command("change")
    .description("change your password; your other sessions end")
    .option("--current-password-file <file>", "read the current password from a file")
    .option("--new-password-file <file>", "read the new password from a file")
    .action(async (options: ChangePasswordOptions, command: Command) => {
      const { client } = await loggedInClient(profileOf(context, command));
      const currentPassword = await readSecret(context, {
        file: options.currentPasswordFile,
        question: "Current password",
      });
      const newPassword = await readSecret(context, {
        file: options.newPasswordFile,
        question: "New password",
        confirm: true,
      });
      await client.changePassword({ currentPassword, newPassword });
      output(context, command, { changed: true }, () => [
        "Password changed; your other sessions have ended.",
      ]);
    });
}
