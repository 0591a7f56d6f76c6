import type { Command } from "commander";
import type { CliContext } from "./cliContext.ts";

/** `relais alert ...`. */
export function registerAlertCommands(program: Command, _context: CliContext): void {
  program.command("alert").description("alert commands");
}
