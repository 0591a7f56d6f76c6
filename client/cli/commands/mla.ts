import type { Command } from "commander";
import type { CliContext } from "./cliContext.ts";

/** `relais mla ...`. */
export function registerMlaCommands(program: Command, _context: CliContext): void {
  program.command("mla").description("mla commands");
}
