import { readFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { type AlertImportResult, importAlertJson } from "#client/core/alerts/jsonExchange";
import { alertToStixBundle } from "#client/core/alerts/stix";
import type { AlertDocument } from "#shared/alerts/document";
import { labelOf, tlpLabels } from "#shared/alerts/labels";
import { victimIdentityWarning } from "#shared/alerts/victimWarning";
import { type Language, languages } from "#shared/i18n/languages";
import { registerAlertHubCommands } from "./alertHub.ts";
import { type CliContext, CliError, output } from "./cliContext.ts";

interface LanguageOptions {
  lang: Language;
}

/** One line that says what an alert is, with its coded fields in `language`. */
export function alertSummaryLine(alert: AlertDocument, language: Language): string {
  const { metadata, content } = alert;
  const { waypoints, legs } = content.route;
  const route = waypoints
    .map((waypoint, index) => {
      const leg = legs[index];
      const place = `${waypoint.place} (${waypoint.country})`;
      return leg === undefined
        ? place
        : `${place} -[${labelOf("transportMode", leg.mode, language)}]->`;
    })
    .join(" ");
  return [
    `alert ${metadata.alertId} v${metadata.version}: ${content.title}`,
    tlpLabels[content.tlp],
    labelOf("handlingCode", content.handling, language),
    `${content.grading.sourceReliability}${content.grading.informationCredibility}`,
    labelOf("urgency", content.urgency, language),
    route,
  ].join(" | ");
}

/** Reads and checks an alert file; on problems prints `path: message` lines and fails. */
async function readAlertFile(
  context: CliContext,
  command: Command,
  file: string,
): Promise<AlertDocument> {
  const result: AlertImportResult = importAlertJson(await readFile(file, "utf8"));
  if (result.ok) return result.alert;
  output(context, command, { ok: false, issues: result.issues }, () =>
    result.issues.map((issue) => `${issue.path}: ${issue.message}`),
  );
  const count = result.issues.length;
  throw new CliError("invalid_alert", `${file}: ${count} problem${count === 1 ? "" : "s"}`);
}

function withLanguage(command: Command): Command {
  return command.addOption(
    new Option("--lang <language>", "language of the coded fields in human output")
      .choices(languages)
      .default("en"),
  );
}

/**
 * `relais alert ...`. `validate` and `stix` work offline on an alert JSON file (no hub, no
 * login); the commands that exchange alerts through the hub are in `alertHub.ts`.
 */
export function registerAlertCommands(program: Command, context: CliContext): void {
  const alert = program
    .command("alert")
    .description("modus-operandi alerts (validate and stix work offline on a JSON file)");

  withLanguage(
    alert
      .command("validate")
      .argument("<file>", "alert JSON file")
      .description("check an alert file; prints one line per problem"),
  ).action(async (file: string, options: LanguageOptions, command: Command) => {
    const document = await readAlertFile(context, command, file);
    output(context, command, { ok: true, alertId: document.metadata.alertId }, () => [
      `valid: ${alertSummaryLine(document, options.lang)}`,
    ]);
    // The form's warning, repeated where alerts are written by hand.
    context.note(`(!) ${victimIdentityWarning[options.lang]}`);
  });

  withLanguage(
    alert
      .command("stix")
      .argument("<file>", "alert JSON file")
      .description("print the alert as a STIX 2.1 bundle on standard output"),
  ).action(async (file: string, _options: LanguageOptions, command: Command) => {
    const document = await readAlertFile(context, command, file);
    context.print(JSON.stringify(alertToStixBundle(document), null, 2));
  });

  registerAlertHubCommands(alert, context);
}
