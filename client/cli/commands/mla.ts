import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { renderMlaRequestPdf } from "#client/core/mla/pdf";
import { MlaFileError, readMlaRequestFile } from "#client/core/mla/requestFile";
import { type Language, languageSchema, languages } from "#shared/i18n/languages";
import { checkCompleteness } from "#shared/mla/completeness";
import { findingMessage } from "#shared/mla/completenessMessages";
import type { MlaRequest } from "#shared/mla/request";
import { mlaRequestSkeleton } from "#shared/mla/skeleton";
import { type CliContext, CliError, output } from "./cliContext.ts";
import { registerMlaHubCommands } from "./mlaHub.ts";

/**
 * `relais mla ...`. `draft`, `check` and `pdf` work offline on a request file (docs/mla.md);
 * `send`, `list`, `status`, `transition` and `show` go through the hub (`mlaHub.ts`).
 */
export function registerMlaCommands(program: Command, context: CliContext): void {
  const mla = program
    .command("mla")
    .description("mutual legal assistance requests: draft, check, print, send and track them");

  mla
    .command("draft")
    .description("write an empty request to fill in")
    .requiredOption("--out <file>", "the request file to create")
    .option("--lang <language>", `language of the request (${languages.join(", ")})`, "en")
    .option("--force", "overwrite the file if it exists")
    .action(async (options: { out: string; lang: string; force?: boolean }, command: Command) => {
      const skeleton = mlaRequestSkeleton({
        requestId: randomUUID(),
        now: new Date(),
        language: languageOption(options.lang),
      });
      await writeFile(options.out, `${JSON.stringify(skeleton, null, 2)}\n`, {
        flag: options.force ? "w" : "wx",
      }).catch((error: unknown) => {
        if (error instanceof Error && "code" in error && error.code === "EEXIST") {
          throw new CliError("file_exists", `${options.out} exists: use --force to overwrite it`);
        }
        throw error;
      });
      output(context, command, { file: options.out, requestId: skeleton.requestId }, () => [
        `wrote ${options.out} (request ${skeleton.requestId})`,
        `fill it in, then run "relais mla check ${options.out}"`,
      ]);
    });

  mla
    .command("check")
    .description("list what is missing or inconsistent in a request (exit 1 unless complete)")
    .argument("<file>", "the request file (JSON)")
    .option("--lang <language>", `language of the messages (${languages.join(", ")})`, "en")
    .action(async (file: string, options: { lang: string }, command: Command) => {
      const language = languageOption(options.lang);
      const request = await readRequest(context, file);
      const findings = checkCompleteness(request, new Date()).map((finding) => ({
        ...finding,
        message: findingMessage(finding, language),
      }));
      output(context, command, { complete: findings.length === 0, findings }, () =>
        findings.length === 0
          ? ["complete"]
          : findings.map((finding) => `${finding.path.join(".")}: ${finding.message}`),
      );
      if (findings.length > 0) {
        throw new CliError(
          "incomplete",
          `${findings.length} finding(s): the request cannot be sent`,
        );
      }
    });

  mla
    .command("pdf")
    .description("render a request as a printable A4 PDF in the request's language")
    .argument("<file>", "the request file (JSON)")
    .requiredOption("--out <file>", "the PDF file to write")
    .action(async (file: string, options: { out: string }, command: Command) => {
      const request = await readRequest(context, file);
      const findings = checkCompleteness(request, new Date());
      if (findings.length > 0) {
        context.note(
          `note: the request is not complete (${findings.length} finding(s)); "relais mla check ${file}" lists them`,
        );
      }
      const pdf = await renderMlaRequestPdf(request);
      await writeFile(options.out, pdf);
      output(context, command, { file: options.out, bytes: pdf.length }, () => [
        `wrote ${options.out} (${pdf.length} bytes)`,
      ]);
    });

  registerMlaHubCommands(mla, context);
}

function languageOption(value: string): Language {
  const parsed = languageSchema.safeParse(value);
  if (!parsed.success) {
    throw new CliError("usage", `--lang must be one of ${languages.join(", ")}`, 2);
  }
  return parsed.data;
}

/** Reads a request file; the schema's problems go to stderr, one per line. */
async function readRequest(context: CliContext, file: string): Promise<MlaRequest> {
  try {
    return await readMlaRequestFile(file);
  } catch (error) {
    if (!(error instanceof MlaFileError)) throw error;
    for (const issue of error.issues) context.note(`  ${issue}`);
    throw new CliError(error.code, error.message);
  }
}
