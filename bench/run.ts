import { Command } from "commander";
import { benchDelivery } from "./delivery";
import { benchHealthz } from "./httpHealth";
import { benchLog } from "./log";
import { benchLogVerify } from "./logVerify";

/** `npm run bench`: prints one JSON line per figure (DESIGN.md §11). */
const program = new Command()
  .name("bench")
  .option("--only <names>", "comma-separated benchmark groups to run (default: http,log,delivery)")
  .option("--seconds <n>", "measurement time per side", "6")
  .parse();

const options = program.opts<{ only?: string; seconds: string }>();
const selected = options.only?.split(",") ?? ["http", "log", "delivery"];
const seconds = Number(options.seconds);

const groups: Record<string, () => Promise<void>> = {
  http: () => benchHealthz(seconds),
  // The hub's log (append, proofs on PostgreSQL), then offline verification of an export.
  log: async () => {
    await benchLog(seconds);
    await benchLogVerify();
  },
  // Channels: throughput, latency, idle sockets, catch-up and rotation (bench/delivery.ts).
  delivery: () => benchDelivery(seconds),
};

for (const name of selected) {
  const run = groups[name];
  if (!run) throw new Error(`unknown benchmark group ${name}`);
  await run();
}
