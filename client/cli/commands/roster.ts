import { writeFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import type { DirectoryFilter, PostView } from "#client/core/registerClient";
import { thematicAreas } from "#shared/api/registerVocabulary";
import { type CliContext, CliError, loggedInClient, output, profileOf } from "./cliContext.ts";

/** The directory filters as commander parses them. */
interface FilterOptions {
  country?: string;
  organisation?: string;
  area?: DirectoryFilter["thematicArea"];
  language?: string;
  stale?: boolean;
  vacant?: boolean;
}

const exportFormats = ["csv", "vcard", "json"] as const;
type ExportFormat = (typeof exportFormats)[number];

interface ExportOptions extends FilterOptions {
  format: ExportFormat;
  out?: string;
}

/** One line describing a directory entry: country, title, organisation, holder, flags. */
export function postLine(post: PostView): string {
  const holder =
    post.holder === null
      ? "(no holder)"
      : post.holder.role === "interim"
        ? `${post.holder.displayName} (interim)`
        : post.holder.displayName;
  const flags = [post.stale ? "STALE" : "", post.vacant ? "VACANT" : ""].filter(Boolean).join(" ");
  return [post.id, post.country, post.title, post.organisation.name, holder, flags]
    .join("  ")
    .trimEnd();
}

/** `relais roster [list]` and `relais roster export`, with the same directory filters. */
export function registerRosterCommands(program: Command, context: CliContext): void {
  const roster = program.command("roster").description("the directory of posts and who holds them");

  withFilters(
    roster
      .command("list", { isDefault: true })
      .description("list the posts, one a line (the default)"),
  ).action(async (options: FilterOptions, command: Command) => {
    const { client } = await loggedInClient(profileOf(context, command));
    const posts = await client.register.posts(directoryFilter(options));
    output(context, command, { posts }, () =>
      posts.length === 0 ? ["No post matches."] : posts.map(postLine),
    );
  });

  withFilters(
    roster
      .command("export")
      .description("export the directory as CSV, vCard or JSON (to stdout by default)")
      .addOption(
        new Option("--format <format>", "export format")
          .choices(exportFormats)
          .makeOptionMandatory(),
      )
      .option("--out <file>", "write the export to a file (mode 0600) instead of stdout"),
  ).action(async (options: ExportOptions, command: Command) => {
    const { client } = await loggedInClient(profileOf(context, command));
    const filter = directoryFilter(options);
    const register = client.register;
    const text =
      options.format === "csv"
        ? await register.exportCsv(filter)
        : options.format === "vcard"
          ? await register.exportVcard(filter)
          : `${JSON.stringify(await register.exportJson(filter), null, 2)}\n`;
    if (options.out === undefined) {
      context.print(text.replace(/\r?\n$/, ""));
      return;
    }
    // Office contacts of law-enforcement staff: readable by the owner only.
    await writeFile(options.out, text, { mode: 0o600 });
    context.note(`Wrote the ${options.format} export to ${options.out}`);
  });
}

function withFilters(command: Command): Command {
  return command
    .option("--country <cc>", "ISO 3166-1 alpha-2 country")
    .option("--organisation <organisationId>", "only the posts of this organisation")
    .addOption(new Option("--area <area>", "thematic area").choices(thematicAreas))
    .option("--language <ll>", "ISO 639-1 working language")
    .option("--stale", "only posts whose details have not been confirmed lately")
    .option("--vacant", "only posts without a holder or interim holder");
}

/** The SDK filter of the options; a malformed country is a usage error here, not at the hub. */
function directoryFilter(options: FilterOptions): DirectoryFilter {
  const country = options.country?.toUpperCase();
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
    throw new CliError("usage", "--country must be a two-letter ISO 3166-1 code", 2);
  }
  return {
    ...(country === undefined ? {} : { country }),
    ...(options.organisation === undefined ? {} : { organisationId: options.organisation }),
    ...(options.area === undefined ? {} : { thematicArea: options.area }),
    ...(options.language === undefined ? {} : { language: options.language.toLowerCase() }),
    ...(options.stale ? { stale: true } : {}),
    ...(options.vacant ? { vacant: true } : {}),
  };
}
