import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
import { FileHeadStore } from "#client/core/log/fileHeadStore";
import {
  type AuditReport,
  emptyHubLogState,
  type HubLogState,
  LEAVES_PAGE_SIZE,
  LOG_EXPORT_FORMAT,
  LogApi,
  LogExportFormatError,
  type LogHasher,
  LogVerificationError,
  LogVerifier,
  logExportHeaderLine,
  logExportLeafLine,
  type OpenedLogExport,
  openLogExport,
  type SecurityAlert,
  verifyExportedLog,
} from "#client/core/log/index";
import type { SignedTreeHead } from "#shared/api/log";
import { readSession } from "../profile.ts";
import {
  type CliContext,
  CliError,
  globalsOf,
  loggedInClient,
  output,
  profileOf,
} from "./cliContext.ts";

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/**
 * The log's hash functions on Node's native SHA-256: the same bytes as the shared module's
 * `@noble/hashes` (RFC 9162 §2.1.1), about twice as fast on leaves, which a million-leaf audit
 * feels.
 */
export const nodeLogHasher: LogHasher = Object.freeze({
  hashLeaf: (leaf: Uint8Array) => createHash("sha256").update(LEAF_PREFIX).update(leaf).digest(),
  hashChildren: (left: Uint8Array, right: Uint8Array) =>
    createHash("sha256").update(NODE_PREFIX).update(left).update(right).digest(),
});

/** The profile's store of pinned log keys, accepted heads and security alerts. */
export function headStoreOf(context: CliContext, command: Command): FileHeadStore {
  return new FileHeadStore(join(profileOf(context, command).dir, "log-heads.json"));
}

/** A progress bar on stderr (drawn only on a terminal, never with --json). */
function progressBar(command: Command, total: number, what: string) {
  if (globalsOf(command).json) return { update: (_n: number) => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: `${what} [{bar}] {percentage}% | {value}/{total} leaves | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 100,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
}

function alertLines(hubUrl: string, alert: SecurityAlert): string[] {
  return [
    `!!! SECURITY ALERT for ${hubUrl} (${alert.kind}, detected ${alert.detectedAt}):`,
    `!!!   ${alert.message}`,
  ];
}

/**
 * The pre-action hook of every command: a stored security alert is shown loudly on stderr, every
 * time, until the user clears it (`relais audit clear-alerts`).
 */
export async function warnAboutSecurityAlerts(
  context: CliContext,
  command: Command,
): Promise<void> {
  if (command.parent?.name() === "audit" && ["status", "clear-alerts"].includes(command.name())) {
    return;
  }
  try {
    const hubs = await headStoreOf(context, command).all();
    for (const [hubUrl, state] of Object.entries(hubs)) {
      for (const alert of state.alerts)
        for (const line of alertLines(hubUrl, alert)) context.note(line);
      if (state.alerts.length > 0) {
        context.note("!!! Do not trust this hub's keys. Details: relais audit status");
      }
    }
  } catch (error) {
    context.note(`relais: warning: cannot read the log head store: ${(error as Error).message}`);
  }
}

async function exportLog(context: CliContext, command: Command, file: string): Promise<void> {
  const { client } = await loggedInClient(profileOf(context, command));
  const api = LogApi.forClient(client);
  const logKey = await api.logKey();
  const latest = await api.head();
  // The head this profile accepted earlier goes in too, so the audit checks the leaves against it.
  const accepted = (await headStoreOf(context, command).load(client.hubUrl))?.head ?? null;
  const heads: SignedTreeHead[] =
    accepted !== null && accepted.rootHash !== latest.rootHash ? [accepted, latest] : [latest];
  const handle = await open(file, "w", 0o600);
  const bar = progressBar(command, latest.treeSize, "Downloading");
  try {
    const exportedAt = new Date().toISOString();
    const leafCount = latest.treeSize;
    const { hubUrl } = client;
    const format = LOG_EXPORT_FORMAT;
    await handle.write(
      logExportHeaderLine({ v: 1, format, hubUrl, exportedAt, logKey, heads, leafCount }),
    );
    for (let start = 0; start < latest.treeSize; start += LEAVES_PAGE_SIZE) {
      const end = Math.min(start + LEAVES_PAGE_SIZE, latest.treeSize);
      const page = await api.leafPage(start, end);
      await handle.write(Buffer.concat(page.map((leaf, i) => logExportLeafLine(start + i, leaf))));
      bar.update(end);
    }
  } finally {
    bar.stop();
    await handle.close();
  }
  output(context, command, { file, leafCount: latest.treeSize, heads }, () => [
    `Exported ${latest.treeSize} leaves and ${heads.length} signed head(s) of ${client.hubUrl} to ${file}`,
    `Log key: ${logKey.publicKey}`,
    `Verify offline: relais audit verify ${file}`,
  ]);
}

async function openExport(file: string): Promise<OpenedLogExport> {
  try {
    return await openLogExport(createReadStream(file, { highWaterMark: 1 << 20 }));
  } catch (error) {
    if (error instanceof LogExportFormatError) throw new CliError(error.code, error.message);
    throw error;
  }
}

async function verifyLog(
  context: CliContext,
  command: Command,
  file: string,
  options: { logKey?: string; signatures: boolean },
): Promise<void> {
  const { header, leaves } = await openExport(file);
  const exportKey = header.logKey.publicKey;
  const pinned = (await headStoreOf(context, command).load(header.hubUrl))?.logKey ?? null;
  const expected = options.logKey ?? pinned ?? exportKey;
  if (expected !== exportKey) {
    const source = options.logKey === undefined ? "the key pinned for that hub" : "--log-key";
    throw new CliError(
      "log_key_mismatch",
      `the export's log key ${exportKey} is not ${source}, ${expected}`,
    );
  }
  if (options.logKey === undefined && pinned === null) {
    context.note(
      `note: no log key pinned for ${header.hubUrl}: checking against the export's own key`,
    );
  }
  const bar = progressBar(command, header.leafCount, "Verifying");
  const started = performance.now();
  let report: AuditReport;
  try {
    report = await verifyExportedLog({
      heads: header.heads,
      logPublicKey: expected,
      leaves,
      leafSignatures: options.signatures,
      hasher: nodeLogHasher,
      onProgress: (checked) => bar.update(checked),
    });
  } finally {
    bar.stop();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const failure = report.failure;
  if (failure !== null) {
    const where = failure.index === null ? "" : `first bad index ${failure.index}: `;
    throw new CliError("log_invalid", `${where}${failure.reason} (${failure.kind})`);
  }
  if (report.leafCount !== header.leafCount) {
    const message = `the header announces ${header.leafCount} leaves, the file holds ${report.leafCount}`;
    throw new CliError("invalid_export", message);
  }
  const checked = options.signatures
    ? "every root, head signature, leaf signature and the chain of trust"
    : "every root and head signature (leaf signatures NOT checked)";
  output(context, command, { ...report, seconds: Number(seconds) }, () => [
    `OK: ${report.leafCount} leaves and ${report.headCount} signed head(s) of ${header.hubUrl} verify:`,
    `  ${checked}, in ${seconds} s. Log key: ${expected}`,
  ]);
}

function stateLines(hubUrl: string, state: HubLogState): string[] {
  const head = state.head;
  return [
    `Hub ${hubUrl}`,
    `  log key:       ${state.logKey ?? "(not pinned yet)"}`,
    head === null
      ? "  accepted head: (none yet)"
      : `  accepted head: size ${head.treeSize}, root ${head.rootHash}, signed ${head.timestamp}`,
    ...(state.alerts.length === 0
      ? ["  alerts:        none"]
      : state.alerts.flatMap((alert) => alertLines(hubUrl, alert))),
  ];
}

async function status(context: CliContext, command: Command, refresh: boolean): Promise<void> {
  const store = headStoreOf(context, command);
  if (refresh) {
    const { client } = await loggedInClient(profileOf(context, command));
    try {
      await LogVerifier.forClient(client, { store }).syncLog();
    } catch (error) {
      // A detected attack is stored and shown below; anything else is a plain failure.
      if (!(error instanceof LogVerificationError && error.code === "security_alert")) throw error;
    }
  }
  const hubs = await store.all();
  const alerts = Object.values(hubs).reduce((sum, state) => sum + state.alerts.length, 0);
  output(context, command, { hubs }, () =>
    Object.keys(hubs).length === 0
      ? ["No hub's log verified yet (relais audit status --refresh)."]
      : Object.entries(hubs).flatMap(([hubUrl, state]) => stateLines(hubUrl, state)),
  );
  if (alerts > 0) {
    throw new CliError(
      "security_alert",
      `${alerts} security alert(s) stored: investigate, then clear`,
    );
  }
}

async function clearAlerts(
  context: CliContext,
  command: Command,
  options: { hub?: string; resetTrust?: boolean },
): Promise<void> {
  const hubUrl = options.hub ?? (await readSession(profileOf(context, command)))?.hubUrl;
  if (hubUrl === undefined) throw new CliError("no_hub", "name the hub with --hub <url>", 2);
  const store = headStoreOf(context, command);
  const state = (await store.load(hubUrl)) ?? emptyHubLogState();
  await store.save(hubUrl, options.resetTrust ? emptyHubLogState() : { ...state, alerts: [] });
  output(context, command, { hubUrl, cleared: state.alerts.length }, () => [
    `Cleared ${state.alerts.length} alert(s) for ${hubUrl}${options.resetTrust ? "; the next contact pins the hub's key afresh" : ""}.`,
  ]);
}

/** `relais audit export FILE | verify FILE | status | clear-alerts`. */
export function registerAuditCommands(program: Command, context: CliContext): void {
  const audit = program.command("audit").description("verify the hub's transparency log");

  audit
    .command("export")
    .description("download every leaf, the latest signed head and the log key into FILE")
    .argument("<file>", "the JSON Lines file to write")
    .action((file: string, _options: unknown, command: Command) =>
      exportLog(context, command, file),
    );

  audit
    .command("verify")
    .description("verify an export offline: every root, every signature, the chain of trust")
    .argument("<file>", "a file written by relais audit export")
    .option("--log-key <key>", "the log key to expect (default: the pinned one, else the file's)")
    .option("--no-signatures", "only roots and head signatures: skip leaf signatures (fast)")
    .action((file: string, options: { logKey?: string; signatures: boolean }, command: Command) =>
      verifyLog(context, command, file, options),
    );

  audit
    .command("status")
    .description("show the pinned log key, the accepted head and any security alert")
    .option("--refresh", "first fetch and verify the hub's log now (needs a session)")
    .action((options: { refresh?: boolean }, command: Command) =>
      status(context, command, options.refresh === true),
    );

  audit
    .command("clear-alerts")
    .description("clear the stored security alerts of a hub, once investigated")
    .option("--hub <url>", "the hub (default: the session's)")
    .option("--reset-trust", "also forget its pinned log key and accepted head")
    .action((options: { hub?: string; resetTrust?: boolean }, command: Command) =>
      clearAlerts(context, command, options),
    );
}
