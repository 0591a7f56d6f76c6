import { type Command, Option } from "commander";
import type { ChannelView } from "#shared/api/channels";
import { channelLine } from "./channelLines.ts";
import {
  asCliError,
  passphraseOption,
  resolveChannel,
  sessionChannelApi,
  withChannelSession,
} from "./channelSession.ts";
import { type CliContext, output } from "./cliContext.ts";
import { registerListenCommand } from "./listen.ts";
import { registerReadCommand } from "./read.ts";
import { registerSendCommand } from "./send.ts";

interface CreateOptions {
  name: string;
  ownerPost: string;
  memberPost: string[];
  history: "institutional" | "restricted";
  deputies?: boolean;
  direct?: boolean;
  purpose?: string;
  passphraseFile?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `relais channel create|list|add|remove`, `relais send`, `relais read`, `relais listen`. */
export function registerChannelCommands(program: Command, context: CliContext): void {
  const channel = program
    .command("channel")
    .description("end-to-end-encrypted channels among posts (name them by id or by name)");

  channel
    .command("create")
    .description("create a channel owned by one of my posts; prints its id")
    .requiredOption("--name <name>", "the channel's name, shown to every member")
    .requiredOption("--owner-post <postId>", "the post that owns the channel (one I hold)")
    .option("--member-post <postId>", "another member post (repeatable)", collect, [])
    .addOption(
      new Option("--history <policy>", "what a successor or newcomer may read")
        .choices(["institutional", "restricted"])
        .makeOptionMandatory(),
    )
    .option("--deputies", "also deliver to the deputies of the member posts")
    .option("--direct", "a direct channel between two posts rather than a group")
    .option("--purpose <text>", "what the channel is for")
    .option(...passphraseOption)
    .action(async (options: CreateOptions, command: Command) => {
      const created = await withChannelSession(
        context,
        command,
        { passphraseFile: options.passphraseFile, socket: false },
        ({ channels }) =>
          channels.create({
            name: options.name,
            ownerPostId: options.ownerPost,
            memberPostIds: options.memberPost,
            historyPolicy: options.history,
            includeDeputies: options.deputies === true,
            kind: options.direct ? "direct" : "group",
            ...(options.purpose === undefined ? {} : { purpose: options.purpose }),
          }),
      );
      output(context, command, { channel: created }, () => [created.id]);
    });

  channel
    .command("list")
    .description("my channels: id, name, history policy, members, unread messages")
    .action(async (_options: unknown, command: Command) => {
      let channels: ChannelView[];
      try {
        channels = await (await sessionChannelApi(context, command)).list();
      } catch (error) {
        throw asCliError(error);
      }
      output(context, command, { channels }, () =>
        channels.length === 0 ? ["No channel yet."] : channels.map(channelLine),
      );
    });

  for (const [name, description, verb] of [
    ["add", "add a post to a channel (its holders read from the next message on)", "Added"],
    ["remove", "remove a post from a channel (the next message is not sent to it)", "Removed"],
  ] as const) {
    channel
      .command(name)
      .description(description)
      .argument("<channel>", "the channel, by id or name")
      .argument("<postId>", "the post")
      .option(...passphraseOption)
      .action(
        async (
          reference: string,
          postId: string,
          options: { passphraseFile?: string },
          command: Command,
        ) => {
          const { changed, before } = await withChannelSession(
            context,
            command,
            { passphraseFile: options.passphraseFile, socket: false },
            async ({ channels }) => {
              const { id, view } = await resolveChannel(channels.api, reference);
              const result =
                name === "add"
                  ? await channels.addMember(id, postId)
                  : await channels.removeMember(id, postId);
              return { changed: result, before: view };
            },
          );
          const member = [...changed.members, ...(before?.members ?? [])].find(
            (m) => m.postId === postId,
          );
          const label = member === undefined ? postId : `${member.country} ${member.title}`;
          output(context, command, { channel: changed }, () => [
            `${verb} ${label}: ${channelLine(changed)}`,
          ]);
        },
      );
  }

  registerSendCommand(program, context);
  registerReadCommand(program, context);
  registerListenCommand(program, context);
}
