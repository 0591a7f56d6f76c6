import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** The hub's Prometheus metrics; one registry per hub so several hubs can share a process. */
export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<"method" | "route" | "status">;
  readonly connectedSockets: Gauge;
  /** Where the gauge of connected sockets reads its value when scraped. */
  countSocketsWith(count: () => number): void;
  /** Message envelopes stored (retries of a stored message are not counted). */
  readonly messagesStored: Counter;
  /** Sends taken into each transaction of the send batcher (group commit). */
  readonly sendBatchSize: Histogram;
  /** Send batches stored, by path: `kept` (one statement on kept facts) or `full` (transaction). */
  readonly sendBatches: Counter<"path">;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "relais_" });
  let countSockets = () => 0;
  return {
    registry,
    httpDuration: new Histogram({
      name: "relais_http_request_duration_seconds",
      help: "Duration of HTTP requests, by route template and status.",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    connectedSockets: new Gauge({
      name: "relais_connected_sockets",
      help: "Socket.IO connections currently open on this hub.",
      registers: [registry],
      // Read when scraped, rather than counted by a listener on every socket.
      collect() {
        this.set(countSockets());
      },
    }),
    messagesStored: new Counter({
      name: "relais_messages_stored_total",
      help: "Channel message envelopes stored.",
      registers: [registry],
    }),
    sendBatchSize: new Histogram({
      name: "relais_send_batch_size",
      help: "Channel sends taken into one transaction (group commit).",
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 500],
      registers: [registry],
    }),
    sendBatches: new Counter({
      name: "relais_send_batches_total",
      help: "Channel send batches, by path: kept (one statement on kept send facts) or full (transaction).",
      labelNames: ["path"],
      registers: [registry],
    }),
    countSocketsWith(count) {
      countSockets = count;
    },
  };
}
