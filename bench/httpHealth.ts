import autocannon from "autocannon";
import { startHubProcess, startProcess } from "./processes";
import { report } from "./report";

async function requestsPerSecond(url: string, seconds: number): Promise<number> {
  const result = await autocannon({ url: `${url}/healthz`, connections: 32, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

/** `http.healthz_rps`: /healthz requests per second, against a bare node:http server. */
export async function benchHealthz(seconds: number): Promise<void> {
  const bare = await startProcess("bench/bareServer.ts");
  // Production logging stays on (info): it is part of what a request costs.
  const hub = await startHubProcess({ LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info" });
  try {
    await requestsPerSecond(bare.url, 1);
    await requestsPerSecond(hub.url, 1);
    // Interleaved halves, so drift on a shared machine hits both sides alike.
    const half = Math.max(1, Math.round(seconds / 2));
    const bareRps = await requestsPerSecond(bare.url, half);
    const hubRps = await requestsPerSecond(hub.url, half);
    const bareRps2 = await requestsPerSecond(bare.url, half);
    const hubRps2 = await requestsPerSecond(hub.url, half);
    report("http.healthz_rps", (hubRps + hubRps2) / 2, "req/s", (bareRps + bareRps2) / 2);
  } finally {
    await Promise.all([bare.stop(), hub.stop()]);
  }
}
