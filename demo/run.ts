import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runScenario } from "./scenario.ts";
import { SCENARIO_STEPS } from "./scenarioState.ts";
import { createStepReporter } from "./steps.ts";

const usage =
  "usage: npm run demo -- --data <dir> --canary <text> [--messages <n>]\n" +
  "  --data      a new or empty directory for the hub's database, key files and hub.log\n" +
  "  --canary    a text put in every message and the attachment; the hub must never hold it in clear\n" +
  "  --messages  how many messages the offline device catches up on (default 200)\n";

/** The demo's command line, checked. */
interface DemoArguments {
  readonly dataDir: string;
  readonly canary: string;
  readonly catchUpCount: number;
}

function parseArguments(argv: string[]): DemoArguments | string {
  let values: { data?: string; canary?: string; messages?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: "string" },
        canary: { type: "string" },
        messages: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (!values.data) return "--data is required";
  // Short canaries would match by chance in binary files and make the scan meaningless.
  if (!values.canary || values.canary.trim().length < 8)
    return "--canary needs at least 8 characters";
  const count = Number(values.messages ?? "200");
  if (!Number.isInteger(count) || count < 1 || count > 10_000)
    return "--messages must be 1 to 10000";
  return { dataDir: resolve(values.data), canary: values.canary, catchUpCount: count };
}

const write = (line: string) => process.stdout.write(`${line}\n`);

/** `npm run demo`: the scenario of docs/demo.md on an embedded hub; exit 0 only if every check held. */
async function main(): Promise<number> {
  const parsed = parseArguments(process.argv.slice(2));
  if (typeof parsed === "string") {
    process.stderr.write(`relais demo: ${parsed}\n${usage}`);
    return 2;
  }
  const started = Date.now();
  // Client state (log heads, the attachment's source) lives apart from the hub's directory.
  const clientDir = await mkdtemp(join(tmpdir(), "relais-demo-client-"));
  write(`Relais demo: hub data in ${parsed.dataDir}, client state in ${clientDir}`);
  const steps = createStepReporter(SCENARIO_STEPS, write);
  try {
    await runScenario({ ...parsed, clientDir }, steps);
  } catch {
    // The step reporter has already printed the FAIL line with the reason.
    write(`Relais demo FAILED: ${steps.passed}/${SCENARIO_STEPS} steps verified`);
    return 1;
  } finally {
    await rm(clientDir, { recursive: true, force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  write(
    `Relais demo passed: ${steps.passed}/${SCENARIO_STEPS} steps verified in ${seconds} s; ` +
      `the hub's files are in ${parsed.dataDir}, the client state was removed`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`relais demo: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
