import { Argument, type Command, Option } from "commander";
import { MlaFileError, readMlaRequestFile } from "#client/core/mla/requestFile";
import type { MlaHistoryItem, MlaRequestView } from "#shared/api/mla";
import { type Language, languages } from "#shared/i18n/languages";
import { availableActions } from "#shared/mla/lifecycle";
import { mlaActionLabels, mlaStatusLabels, refusalGroundLabels } from "#shared/mla/lifecycleLabels";
import {
  type MlaAction,
  mlaActions,
  type RefusalGround,
  refusalGrounds,
} from "#shared/mla/lifecycleVocabulary";
import { passphraseOption } from "./channelSession.ts";
import { type CliContext, CliError, output } from "./cliContext.ts";
import { withMlaSession } from "./mlaSession.ts";

const collect = (value: string, previous: string[]) => [...previous, value];

function languageOption() {
  return new Option("--lang <language>", "language of the labels").choices(languages).default("en");
}

/** One line per request: id, status, parties, deadline. */
function requestLine(request: MlaRequestView, language: Language): string {
  const status = mlaStatusLabels[request.status][language];
  const flags = [
    request.awaitingInformation ? "awaiting information" : "",
    request.overdue ? "OVERDUE" : "",
  ].filter(Boolean);
  return (
    `${request.requestId} ${request.requestingCountry} -> ${request.requestedCountry} ` +
    `${status}${flags.length > 0 ? ` (${flags.join(", ")})` : ""}` +
    `${request.deadline ? ` deadline ${request.deadline}` : ""}`
  );
}

/** One line of the status history. */
function historyLine(item: MlaHistoryItem, language: Language): string {
  const grounds = item.grounds
    ? ` grounds: ${item.grounds.map((g) => refusalGroundLabels[g][language]).join("; ")}`
    : "";
  return (
    `${item.at} ${item.side} ${mlaActionLabels[item.action][language]}: ` +
    `${item.from} -> ${item.to} by post ${item.actorPostId}${grounds}` +
    ` (log #${item.logIndex ?? "pending"})`
  );
}

/**
 * `relais mla send|list|status|transition|show`: requests exchanged through the hub
 * (docs/mla.md "On the hub"). Every command unlocks the device key.
 */
export function registerMlaHubCommands(mla: Command, context: CliContext): void {
  mla
    .command("send")
    .description("send a complete request to the requested post (refused if the check fails)")
    .argument("<file>", "the request file (JSON)")
    .addOption(languageOption())
    .option(...passphraseOption)
    .action(
      async (
        file: string,
        options: { lang: Language; passphraseFile?: string },
        command: Command,
      ) => {
        const request = await readMlaRequestFile(file).catch((error: unknown) => {
          if (!(error instanceof MlaFileError)) throw error;
          for (const issue of error.issues) context.note(`  ${issue}`);
          throw new CliError(error.code, error.message);
        });
        const sent = await withMlaSession(
          context,
          command,
          { passphraseFile: options.passphraseFile, language: options.lang },
          (client) => client.send(request),
        );
        output(context, command, sent, () => [
          `sent request ${sent.requestId} to ${sent.requestedCountry} (${sent.status})`,
        ]);
      },
    );

  mla
    .command("list")
    .description("the requests of my posts (and of my country, for a national coordinator)")
    .addOption(languageOption())
    .option(...passphraseOption)
    .action(async (options: { lang: Language; passphraseFile?: string }, command: Command) => {
      const list = await withMlaSession(context, command, options, (client) => client.list());
      output(context, command, list, () =>
        list.length === 0 ? ["no requests"] : list.map((r) => requestLine(r, options.lang)),
      );
    });

  mla
    .command("status")
    .description("where a request stands: its status and history")
    .argument("<requestId>")
    .addOption(languageOption())
    .option(...passphraseOption)
    .action(
      async (
        requestId: string,
        options: { lang: Language; passphraseFile?: string },
        command: Command,
      ) => {
        const detail = await withMlaSession(context, command, options, (client) =>
          client.detail(requestId),
        );
        output(context, command, detail, () => [
          requestLine(detail.request, options.lang),
          ...detail.history.map((item) => `  ${historyLine(item, options.lang)}`),
          `  next for the requesting side: ${availableActions(detail.request.status, "requesting", detail.request.awaitingInformation).join(", ") || "nothing"}`,
          `  next for the requested side: ${availableActions(detail.request.status, "requested", detail.request.awaitingInformation).join(", ") || "nothing"}`,
        ]);
      },
    );

  mla
    .command("transition")
    .description("move a request: acknowledge, start_execution, refuse --grounds ..., withdraw...")
    .argument("<requestId>")
    .addArgument(
      new Argument("<action>", "the action").choices(
        mlaActions.filter((action) => action !== "send"),
      ),
    )
    .option(
      "--grounds <code>",
      `a refusal ground (repeatable): ${refusalGrounds.join(", ")}`,
      collect,
      [],
    )
    .option("--note <text>", "a text sent encrypted with the transition")
    .addOption(
      new Option("--note-lang <language>", "language of the note").choices(languages).default("en"),
    )
    .option(...passphraseOption)
    .action(
      async (
        requestId: string,
        action: Exclude<MlaAction, "send">,
        options: { grounds: string[]; note?: string; noteLang: Language; passphraseFile?: string },
        command: Command,
      ) => {
        const unknown = options.grounds.filter(
          (ground) => !(refusalGrounds as readonly string[]).includes(ground),
        );
        if (unknown.length > 0) {
          throw new CliError("usage", `unknown grounds: ${unknown.join(", ")}`, 2);
        }
        const moved = await withMlaSession(context, command, options, (client) =>
          client.transition(requestId, action, {
            ...(options.grounds.length > 0 ? { grounds: options.grounds as RefusalGround[] } : {}),
            ...(options.note !== undefined
              ? { note: options.note, language: options.noteLang }
              : {}),
          }),
        );
        output(context, command, moved, () => [
          `${action}: request ${moved.requestId} is now ${moved.status}` +
            `${moved.awaitingInformation ? " (awaiting information)" : ""}`,
        ]);
      },
    );

  mla
    .command("show")
    .description("the request decrypted from its channel, with the texts exchanged")
    .argument("<requestId>")
    .option(...passphraseOption)
    .action(async (requestId: string, options: { passphraseFile?: string }, command: Command) => {
      const read = await withMlaSession(context, command, options, (client) =>
        client.read(requestId),
      );
      const { request } = read;
      output(
        context,
        command,
        { request, status: read.detail.request.status, messages: read.messages },
        () => [
          `request ${request.requestId} (${request.caseReference}), ${read.detail.request.status}`,
          `from: ${request.requestingAuthority.organisation} (${request.requestingAuthority.country})`,
          `to: ${request.requestedAuthority.organisation} (${request.requestedAuthority.country})`,
          `deadline: ${request.deadline ?? "none"}; urgency: ${request.urgency.level}`,
          `facts: ${request.facts}`,
          ...request.offences.map((offence) => `offence: ${offence.name}`),
          ...request.assistance.map(
            (measure) => `assistance: ${measure.kind}: ${measure.description}`,
          ),
          ...read.messages.flatMap((message) =>
            message.content.kind === "mla-message"
              ? [
                  `message${message.content.action ? ` (${message.content.action})` : ""}: ${message.content.text}`,
                ]
              : [],
          ),
        ],
      );
    });
}
