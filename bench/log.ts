import { benchLogAppend } from "./logAppend";
import { benchLogProofs } from "./logProofs";

/** The `log` benchmark group: `log.append_batched`, then `log.proof_p99` (PostgreSQL). */
export async function benchLog(seconds: number): Promise<void> {
  await benchLogAppend(seconds);
  await benchLogProofs();
}
