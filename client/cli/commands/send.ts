import { openAsBlob } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
import type { AttachmentRef } from "#shared/channels/content";
import { passphraseOption, resolveChannel, withChannelSession } from "./channelSession.ts";
import { type CliContext, CliError, globalsOf, output } from "./cliContext.ts";

interface SendOptions {
  file: string[];
  passphraseFile?: string;
}

/** At most this many attachments per message (the content schema's limit). */
const MAX_ATTACHMENTS = 10;

/** Media types of the files focal points exchange most; anything else is sent as bytes. */
const mediaTypes: Record<string, string> = {
  ".pdf": "application/pdf",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".heic": "image/heic",
  ".tif": "image/tiff",
  ".tiff": "image/tiff",
  ".txt": "text/plain",
  ".csv": "text/csv",
  ".json": "application/json",
  ".doc": "application/msword",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".odt": "application/vnd.oasis.opendocument.text",
  ".zip": "application/zip",
};

/** The media type announced for a file, from its extension. */
export function mediaTypeOf(file: string): string {
  return mediaTypes[extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** Everything on standard input as text, without its final line break. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** A file to attach, opened lazily: it is read slice by slice while it is encrypted and sent. */
async function openAttachment(path: string): Promise<{ path: string; blob: Blob }> {
  const info = await stat(path);
  if (!info.isFile()) throw new CliError("usage", `${path} is not a file`, 2);
  return { path, blob: await openAsBlob(path) };
}

/** The upload's byte progress on stderr (drawn only on a terminal, never with --json). */
function uploadBar(command: Command, name: string) {
  if (globalsOf(command).json) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: `Uploading ${name} [{bar}] {percentage}% | {value}/{total} bytes`,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (sent: number, total: number) => {
      if (!started) bar.start(total, sent);
      else bar.update(sent);
      started = true;
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** `relais send CHANNEL [TEXT] [--file F]...`. */
export function registerSendCommand(program: Command, context: CliContext): void {
  program
    .command("send")
    .description("send a message (TEXT, else standard input) to a channel; prints its number")
    .argument("<channel>", "the channel, by id or name")
    .argument("[text]", "the message (default: read from standard input)")
    .option("--file <file>", "encrypt and attach a file (repeatable)", collect, [])
    .option(...passphraseOption)
    .action(
      async (
        reference: string,
        text: string | undefined,
        options: SendOptions,
        command: Command,
      ) => {
        if (options.file.length > MAX_ATTACHMENTS) {
          throw new CliError("usage", `at most ${MAX_ATTACHMENTS} files per message`, 2);
        }
        const interactive = context.prompter.interactive;
        if (text === undefined && !interactive && options.passphraseFile === undefined) {
          // Piped answers are read line by line: the passphrase and the text cannot share stdin.
          const message = "with the text on standard input, give --passphrase-file";
          throw new CliError("usage", message, 2);
        }
        // Files are opened and piped text read before the keys are unlocked: a typo fails fast.
        const files = await Promise.all(options.file.map(openAttachment));
        let body = text ?? (interactive ? undefined : await readStdin());
        const sent = await withChannelSession(
          context,
          command,
          { passphraseFile: options.passphraseFile, socket: true },
          async ({ channels, alarm }) => {
            const channel = await resolveChannel(channels.api, reference);
            if (body === undefined) {
              context.note("Type the message; end it with Ctrl-D on a line of its own.");
              body = await readStdin();
            }
            if (body.trim() === "" && files.length === 0) {
              throw new CliError("empty_message", "nothing to send: give a text or --file", 2);
            }
            const attachments: AttachmentRef[] = [];
            for (const file of files) {
              const name = basename(file.path);
              const bar = uploadBar(command, name);
              const upload = channels.uploadAttachment(
                channel.id,
                file.blob,
                name,
                mediaTypeOf(name),
                { onProgress: bar.update },
              );
              try {
                attachments.push(await Promise.race([upload, alarm]));
              } finally {
                bar.stop();
              }
            }
            const result = await Promise.race([
              channels.sendText(channel.id, body, attachments),
              alarm,
            ]);
            return { channelId: channel.id, ...result };
          },
        );
        output(context, command, sent, () => [String(sent.seq)]);
      },
    );
}
