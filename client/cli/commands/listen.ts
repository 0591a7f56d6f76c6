import type { Command } from "commander";
import type { ChannelView } from "#shared/api/channels";
import {
  messageJson,
  messageLines,
  printable,
  problemJson,
  problemLine,
  SenderDirectory,
  watchProblems,
} from "./channelLines.ts";
import { type ChannelSession, passphraseOption, withChannelSession } from "./channelSession.ts";
import { type CliContext, CliError, globalsOf } from "./cliContext.ts";

interface ListenOptions {
  once?: boolean;
  passphraseFile?: string;
}

/** Resolves on the first SIGINT or SIGTERM: the user asked to stop listening. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** Rejects when the hub closes the socket for good (a session ended or revoked). */
function untilCutOff(session: ChannelSession): Promise<never> {
  return new Promise((_resolve, reject) => {
    session.socket?.on("disconnect", (reason) => {
      // Other reasons are network trouble: socket.io reconnects and the client syncs again.
      if (reason === "io server disconnect") {
        reject(new CliError("disconnected", "the hub closed the connection: log in again"));
      }
    });
  });
}

async function listen(
  context: CliContext,
  command: Command,
  session: ChannelSession,
  once: boolean,
): Promise<void> {
  const { client, verifier, channels, socket, alarm } = session;
  const json = globalsOf(command).json === true;
  const senders = new SenderDirectory(client.register);
  const views = new Map<string, ChannelView>();
  const refresh = async () => {
    for (const view of await channels.list()) {
      views.set(view.id, view);
      await senders.learnChannel(view);
    }
  };
  const nameOf = (channelId: string) => views.get(channelId)?.name ?? channelId;
  // One line per message or problem as it comes; with --json, one JSON object per line.
  const show = (channelId: string, lines: string[], record: Record<string, unknown>) => {
    if (json) {
      context.print(JSON.stringify({ ...record, channelName: views.get(channelId)?.name ?? null }));
      return;
    }
    const [first = "", ...rest] = lines;
    for (const line of [`[${printable(nameOf(channelId))}] ${first}`, ...rest]) context.print(line);
  };
  // The log first: a hub caught misbehaving is reported even when no message comes in.
  await Promise.race([verifier.syncLog(), alarm]);
  await Promise.race([refresh(), alarm]);
  channels.on("message", (message) => {
    senders.learnDevice(message.senderDeviceId, message.senderPersonId);
    show(message.channelId, messageLines(message, senders), {
      event: "message",
      ...messageJson(message, senders),
    });
  });
  watchProblems(channels, senders, (problem) => {
    show(problem.channelId, [problemLine(problem, senders)], {
      event: "problem",
      ...problemJson(problem, senders),
    });
  });
  socket?.on("channel:changed", (change) => {
    // A channel I was just added to, or renamed members: names for the next lines.
    if (change.change !== "epoch") void refresh().catch(() => undefined);
  });
  const cutOff = untilCutOff(session);
  cutOff.catch(() => undefined);
  // Each channel from where this device's state file left it: only what is new is shown.
  for (const channelId of [...views.keys()]) {
    await Promise.race([channels.sync(channelId), alarm, cutOff]);
  }
  if (once) return;
  context.note(`Listening to ${views.size} channel(s) on ${client.hubUrl}; Ctrl-C to stop.`);
  await Promise.race([untilStopped(), alarm, cutOff]);
}

/** `relais listen [--once]`. */
export function registerListenCommand(program: Command, context: CliContext): void {
  program
    .command("listen")
    .description("print new messages of every channel as they arrive, until Ctrl-C")
    .option("--once", "sync, print what is new and exit")
    .option(...passphraseOption)
    .action(async (options: ListenOptions, command: Command) => {
      await withChannelSession(
        context,
        command,
        { passphraseFile: options.passphraseFile, socket: true },
        (session) => listen(context, command, session, options.once === true),
      );
    });
}
