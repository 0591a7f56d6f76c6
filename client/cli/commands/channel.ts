import type { Command } from "commander";
import type { CliContext } from "./cliContext.ts";

/** `relais channel ...`, `relais send`, `relais read`, `relais listen`. */
export function registerChannelCommands(program: Command, _context: CliContext): void {
  program.command("channel").description("channels among posts");
}
