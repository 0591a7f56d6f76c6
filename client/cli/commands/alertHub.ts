import { readFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { exportAlertJson, importAlertJson } from "#client/core/alerts/jsonExchange";
import { filterAlerts } from "#client/core/alerts/search";
import { alertStatistics } from "#client/core/alerts/statistics";
import { alertStatisticsCsv } from "#client/core/alerts/statisticsCsv";
import { alertToStixBundle } from "#client/core/alerts/stix";
import type { AlertDocument } from "#shared/alerts/document";
import type { AlertRecipients } from "#shared/alerts/metadata";
import { type FollowUpKind, followUpKinds } from "#shared/alerts/vocabulary";
import type { ThematicArea } from "#shared/api/registerVocabulary";
import { type Language, languages } from "#shared/i18n/languages";
import { alertSummaryLine } from "./alert.ts";
import { withAlertSession } from "./alertSession.ts";
import { passphraseOption } from "./channelSession.ts";
import { type CliContext, CliError, output } from "./cliContext.ts";

const collect = (value: string, previous: string[]) => [...previous, value];

interface NewOptions {
  file: string;
  toPost: string[];
  toCountry: string[];
  area: string[];
  toList?: string;
  urgent?: boolean;
  asPost?: string;
  passphraseFile?: string;
}

/** The addressing from the flags; the file's own recipients when no flag is given. */
function addressingOf(options: NewOptions, document: AlertDocument): AlertRecipients {
  const fromFlags: AlertRecipients = {
    ...(options.toPost.length > 0 ? { posts: options.toPost } : {}),
    ...(options.toCountry.length > 0
      ? {
          scope: {
            countries: options.toCountry.map((country) => country.toUpperCase()),
            ...(options.area.length > 0 ? { thematicAreas: options.area as ThematicArea[] } : {}),
          },
        }
      : {}),
    ...(options.toList ? { distributionListId: options.toList } : {}),
  };
  return Object.keys(fromFlags).length > 0 ? fromFlags : document.metadata.recipients;
}

/** Reads every readable alert of mine, decrypted (the selection stats and search work on). */
async function readableDocuments(alerts: Parameters<Parameters<typeof withAlertSession>[3]>[0]) {
  const documents: AlertDocument[] = [];
  for (const alert of await alerts.list()) {
    if (alert.status === "expired") continue;
    const { thread } = await alerts.read(alert.alertId);
    if (thread.latest) documents.push(thread.latest);
  }
  return documents;
}

function languageOption() {
  return new Option("--lang <language>", "language of the coded fields")
    .choices(languages)
    .default("en");
}

/**
 * `relais alert new|list|show|ack|follow-up|withdraw|export|stats`: alerts exchanged through the
 * hub (docs/alerts.md "Exchange on the hub"). Every command unlocks the device key.
 */
export function registerAlertHubCommands(alert: Command, context: CliContext): void {
  alert
    .command("new")
    .description("issue an alert from a JSON file (its content; a fresh id and version 1)")
    .requiredOption("--file <file>", "alert JSON file")
    .option("--to-post <postId>", "a recipient post (repeatable)", collect, [])
    .option("--to-country <country>", "every post of a country (repeatable)", collect, [])
    .option("--area <area>", "limit --to-country to a thematic area (repeatable)", collect, [])
    .option("--to-list <listId>", "a distribution list")
    .option("--urgent", "mark a routine alert urgent (reminders)")
    .option("--as-post <postId>", "the issuing post, when I hold several")
    .option(...passphraseOption)
    .action(async (options: NewOptions, command: Command) => {
      const imported = importAlertJson(await readFile(options.file, "utf8"));
      if (!imported.ok) {
        for (const issue of imported.issues) context.note(`${issue.path}: ${issue.message}`);
        throw new CliError(
          "invalid_alert",
          `${options.file}: ${imported.issues.length} problem(s)`,
        );
      }
      const document = imported.alert;
      const content =
        options.urgent && document.content.urgency === "routine"
          ? { ...document.content, urgency: "urgent" as const }
          : document.content;
      const issued = await withAlertSession(context, command, options.passphraseFile, (alerts) =>
        alerts.issue({
          content,
          addressing: addressingOf(options, document),
          ...(options.asPost ? { issuerPostId: options.asPost } : {}),
        }),
      );
      output(context, command, issued.alert, () => [
        `issued alert ${issued.alert.alertId} to ${issued.alert.recipientPostIds.length} post(s)`,
      ]);
    });

  alert
    .command("list")
    .description("the alerts of my posts")
    .addOption(
      new Option("--status <status>", "only alerts in this state").choices([
        "active",
        "withdrawn",
        "expired",
      ]),
    )
    .option(...passphraseOption)
    .action(async (options: { status?: string; passphraseFile?: string }, command: Command) => {
      const list = await withAlertSession(context, command, options.passphraseFile, (alerts) =>
        alerts.list(),
      );
      const shown = list.filter((a) => options.status === undefined || a.status === options.status);
      output(context, command, shown, () =>
        shown.map(
          (a) =>
            `${a.alertId} v${a.version} ${a.status} TLP:${a.tlp} ${a.handling}${a.urgent ? " urgent" : ""} to ${a.recipientPostIds.length} post(s)`,
        ),
      );
    });

  alert
    .command("show")
    .argument("<alertId>")
    .description(
      "an alert decrypted, what its latest version changed, acknowledgements, follow-ups",
    )
    .addOption(languageOption())
    .option(...passphraseOption)
    .action(
      async (
        alertId: string,
        options: { lang: Language; passphraseFile?: string },
        command: Command,
      ) => {
        const read = await withAlertSession(context, command, options.passphraseFile, (alerts) =>
          alerts.read(alertId),
        );
        const { detail, thread } = read;
        output(
          context,
          command,
          { ...detail, latest: thread.latest, changes: thread.changes, thread: thread.followUps },
          () => [
            thread.latest
              ? alertSummaryLine(thread.latest, options.lang)
              : `alert ${alertId}: no readable content (${detail.alert.status})`,
            `status: ${detail.alert.status}`,
            ...thread.changes.map((change) => `changed: ${change.path} (${change.kind})`),
            ...detail.acknowledgements.map(
              (ack) =>
                `${ack.current ? "acknowledged" : "NOT acknowledged"}: ${ack.title} (${ack.country})`,
            ),
            ...thread.followUps.map(
              ({ followUp }) =>
                `${followUp.metadata.kind} ${followUp.metadata.followUpId}: ${followUp.content.text}`,
            ),
          ],
        );
      },
    );

  alert
    .command("ack")
    .argument("<alertId>")
    .description("acknowledge the current version for my recipient post")
    .option("--post <postId>", "the recipient post, when I hold several")
    .option(...passphraseOption)
    .action(
      async (
        alertId: string,
        options: { post?: string; passphraseFile?: string },
        command: Command,
      ) => {
        const acked = await withAlertSession(context, command, options.passphraseFile, (alerts) =>
          alerts.acknowledge(alertId, options.post),
        );
        output(context, command, acked, () => [`acknowledged alert ${alertId} v${acked.version}`]);
      },
    );

  alert
    .command("follow-up")
    .argument("<alertId>")
    .description("thread a follow-up, request for information or answer under an alert")
    .requiredOption("--text <text>", "the text (encrypted)")
    .addOption(new Option("--kind <kind>", "kind").choices(followUpKinds).default("follow_up"))
    .option("--in-reply-to <followUpId>", "the follow-up answered")
    .addOption(languageOption())
    .option(...passphraseOption)
    .action(
      async (
        alertId: string,
        options: {
          text: string;
          kind: FollowUpKind;
          inReplyTo?: string;
          lang: Language;
          passphraseFile?: string;
        },
        command: Command,
      ) => {
        const followUp = await withAlertSession(
          context,
          command,
          options.passphraseFile,
          (alerts) =>
            alerts.followUp(alertId, {
              text: options.text,
              language: options.lang,
              kind: options.kind,
              ...(options.inReplyTo ? { inReplyTo: options.inReplyTo } : {}),
            }),
        );
        output(context, command, followUp.metadata, () => [
          `${followUp.metadata.kind} ${followUp.metadata.followUpId} under alert ${alertId}`,
        ]);
      },
    );

  alert
    .command("withdraw")
    .argument("<alertId>")
    .description("withdraw an alert I issued")
    .option(...passphraseOption)
    .action(async (alertId: string, options: { passphraseFile?: string }, command: Command) => {
      const withdrawn = await withAlertSession(context, command, options.passphraseFile, (alerts) =>
        alerts.withdraw(alertId),
      );
      output(context, command, withdrawn, () => [`withdrew alert ${alertId}`]);
    });

  alert
    .command("export")
    .argument("<alertId>")
    .description(
      "the latest version as an alert JSON file, or a STIX 2.1 bundle, on standard output",
    )
    .option("--stix", "a STIX 2.1 bundle")
    .option(...passphraseOption)
    .action(
      async (
        alertId: string,
        options: { stix?: boolean; passphraseFile?: string },
        command: Command,
      ) => {
        const { thread } = await withAlertSession(
          context,
          command,
          options.passphraseFile,
          (alerts) => alerts.read(alertId),
        );
        if (!thread.latest)
          throw new CliError("unreadable_alert", `no readable version of ${alertId}`);
        context.print(
          options.stix
            ? JSON.stringify(alertToStixBundle(thread.latest), null, 2)
            : exportAlertJson(thread.latest),
        );
      },
    );

  alert
    .command("stats")
    .description("counts by route country, transport mode and payment method over my alerts")
    .option("--country <country>", "a country on the route")
    .option("--network <text>", "text in the network's name or aliases")
    .option("--csv", "CSV on standard output")
    .addOption(languageOption())
    .option(...passphraseOption)
    .action(
      async (
        options: {
          country?: string;
          network?: string;
          csv?: boolean;
          lang: Language;
          passphraseFile?: string;
        },
        command: Command,
      ) => {
        const documents = await withAlertSession(
          context,
          command,
          options.passphraseFile,
          readableDocuments,
        );
        const selected = filterAlerts(documents, {
          ...(options.country ? { country: options.country.toUpperCase() } : {}),
          ...(options.network ? { network: options.network } : {}),
        });
        const statistics = alertStatistics(selected);
        if (options.csv) {
          context.print(alertStatisticsCsv(statistics, options.lang).replace(/\r?\n$/, ""));
          return;
        }
        output(context, command, statistics, () => [
          `alerts: ${statistics.alerts}`,
          ...Object.entries(statistics.byRouteCountry).map(([code, n]) => `country ${code}: ${n}`),
          ...Object.entries(statistics.byTransportMode).map(([code, n]) => `mode ${code}: ${n}`),
          ...Object.entries(statistics.byPaymentMethod).map(([code, n]) => `payment ${code}: ${n}`),
        ]);
      },
    );
}
