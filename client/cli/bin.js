#!/usr/bin/env node
// The `relais` command. Runs the TypeScript CLI in place through tsx, so that `npx relais` works
// in a checkout without a build step; tsx resolves from this package's own node_modules.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("./main.ts");
process.exitCode = await runCli(process.argv);
