import { mkdir, open } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import type { ChannelClient } from "#client/core/channels/channelClient";
import type { ReceivedMessage } from "#client/core/channels/channelEvents";
import {
  type ChannelProblem,
  contentOf,
  messageJson,
  messageLines,
  problemJson,
  problemLine,
  SenderDirectory,
  watchProblems,
} from "./channelLines.ts";
import { passphraseOption, resolveChannel, withChannelSession } from "./channelSession.ts";
import { type CliContext, CliError, output } from "./cliContext.ts";

interface ReadOptions {
  since?: string;
  saveAttachments?: string;
  passphraseFile?: string;
}

/** A line of the history: a message, or a problem placed where it happened. */
type TimelineEntry =
  | { readonly kind: "message"; readonly seq: number; readonly message: ReceivedMessage }
  | { readonly kind: "problem"; readonly seq: number; readonly problem: ChannelProblem };

/**
 * Messages and problems in channel order. A problem comes before the message it is about; a
 * gap (which has no sequence number of its own) before the message that revealed it: the
 * sender's next one, read or not.
 */
export function timeline(
  messages: readonly ReceivedMessage[],
  problems: readonly ChannelProblem[],
): TimelineEntry[] {
  const entries: Array<TimelineEntry & { rank: number; order: number }> = messages.map(
    (message, order) => ({ kind: "message", seq: message.seq, message, rank: 2, order }),
  );
  problems.forEach((problem, order) => {
    let seq = problem.seq;
    if (seq === null && problem.missing !== undefined) {
      const next = problem.missing.to + 1;
      seq =
        messages.find((m) => m.senderDeviceId === problem.senderDeviceId && m.senderSeq === next)
          ?.seq ??
        problems
          .slice(order + 1)
          .find((later) => later.senderDeviceId === problem.senderDeviceId && later.seq !== null)
          ?.seq ??
        null;
    }
    const rank = problem.kind === "gap" ? 0 : 1;
    entries.push({ kind: "problem", seq: seq ?? Number.MAX_SAFE_INTEGER, problem, rank, order });
  });
  entries.sort((a, b) => a.seq - b.seq || a.rank - b.rank || a.order - b.order);
  return entries;
}

/** A file name from an attachment's name that cannot leave the target directory. */
function safeFileName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
  const cleaned = basename(name.replace(/[\\/\u0000-\u001f]/g, "_")).trim();
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "attachment" : cleaned;
}

/**
 * Writes `bytes` as a new file (mode 0600) in `directory`, named after the attachment, never
 * over an existing file: a name already taken gets the message number in front.
 */
async function saveNew(
  directory: string,
  name: string,
  seq: number,
  bytes: Uint8Array,
): Promise<string> {
  const candidates = [name, `${seq}-${name}`];
  for (let n = 2; n < 100; n++) candidates.push(`${seq}-${n}-${name}`);
  for (const candidate of candidates) {
    const path = join(directory, candidate);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, "wx", 0o600);
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "EEXIST") continue;
      throw error;
    }
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
    return path;
  }
  throw new CliError("file_exists", `too many files named ${name} in ${directory}`);
}

/** Downloads, decrypts and saves every attachment of `messages`; returns paths by id. */
async function saveAttachments(
  channels: ChannelClient,
  directory: string,
  messages: readonly ReceivedMessage[],
): Promise<Map<string, string>> {
  const saved = new Map<string, string>();
  await mkdir(directory, { recursive: true, mode: 0o700 });
  for (const message of messages) {
    for (const attachment of contentOf(message.content).attachments) {
      const bytes = await channels.downloadAttachment(message.channelId, attachment);
      const name = safeFileName(attachment.name);
      saved.set(attachment.attachmentId, await saveNew(directory, name, message.seq, bytes));
    }
  }
  return saved;
}

function parseSince(since: string | undefined): number {
  if (since === undefined) return 0;
  if (!/^\d+$/.test(since)) throw new CliError("usage", "--since must be a message number", 2);
  return Number(since);
}

/** `relais read CHANNEL [--since SEQ] [--save-attachments DIR]`. */
export function registerReadCommand(program: Command, context: CliContext): void {
  program
    .command("read")
    .description("print a channel's readable history, and every problem found in it")
    .argument("<channel>", "the channel, by id or name")
    .option("--since <seq>", "only what comes after message number SEQ")
    .option("--save-attachments <dir>", "decrypt the attachments shown into DIR")
    .option(...passphraseOption)
    .action(async (reference: string, options: ReadOptions, command: Command) => {
      const since = parseSince(options.since);
      const directory =
        options.saveAttachments === undefined ? undefined : resolve(options.saveAttachments);
      const result = await withChannelSession(
        context,
        command,
        { passphraseFile: options.passphraseFile, socket: true },
        async ({ client, verifier, channels, alarm }) => {
          const channel = await resolveChannel(channels.api, reference);
          const senders = new SenderDirectory(client.register);
          if (channel.view !== null) await senders.learnChannel(channel.view);
          const problems: ChannelProblem[] = [];
          const stop = watchProblems(channels, senders, (problem) => {
            if (problem.channelId === channel.id) problems.push(problem);
          });
          const messages = await Promise.race([channels.history(channel.id), alarm]);
          stop();
          for (const message of messages) {
            senders.learnDevice(message.senderDeviceId, message.senderPersonId);
          }
          const devices = problems.map((problem) => problem.senderDeviceId);
          await Promise.race([senders.learnLoggedDevices(verifier, devices), alarm]);
          const shown = timeline(messages, problems).filter((entry) => entry.seq > since);
          const shownMessages = shown.flatMap((e) => (e.kind === "message" ? [e.message] : []));
          const saved =
            directory === undefined
              ? new Map<string, string>()
              : await saveAttachments(channels, directory, shownMessages);
          return { channel, senders, shown, saved };
        },
      );
      const { channel, senders, shown, saved } = result;
      const json = {
        channel: { id: channel.id, name: channel.view?.name ?? null },
        entries: shown.map((entry) =>
          entry.kind === "message"
            ? { ...messageJson(entry.message, senders, saved), entry: "message" }
            : { ...problemJson(entry.problem, senders), entry: "problem" },
        ),
      };
      output(context, command, json, () =>
        shown.length === 0
          ? [`Nothing to read in ${channel.view?.name ?? channel.id}.`]
          : shown.flatMap((entry) =>
              entry.kind === "message"
                ? messageLines(entry.message, senders, saved)
                : [problemLine(entry.problem, senders)],
            ),
      );
    });
}
