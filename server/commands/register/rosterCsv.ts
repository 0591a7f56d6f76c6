import { parse } from "csv-parse/sync";
import { z } from "zod";
import { timestampSchema } from "#shared/api/common";
import {
  type ContactChannel,
  contactChannelSchema,
  languageCodeSchema,
  type OrganisationKind,
  organisationKindSchema,
  type PostDetails,
  postDetailsSchema,
  registerCountrySchema,
  thematicAreaSchema,
  timeZoneSchema,
} from "#shared/api/register";
import { directoryCsvColumns } from "../../presenters/registerCsv";

/**
 * Reads an initial roster from CSV: one post per row, with its organisation and optionally its
 * holder. Every problem is reported with its line and column, and nothing is returned as valid
 * unless the whole file is (docs/register.md, "Importing a roster").
 */

/** A problem in the file: `line 4, column country` and what is wrong. */
export interface RosterIssue {
  path: string;
  message: string;
}

/** One valid row. */
export interface RosterRow {
  line: number;
  country: string;
  organisation: { name: string; kind: OrganisationKind };
  post: PostDetails;
  holderUsername: string | null;
  /** When the holder started; the import's time when empty. */
  holderSince: string | null;
}

const requiredColumns = [
  "country",
  "organisation",
  "organisation_kind",
  "post_title",
  "thematic_areas",
  "working_languages",
  "time_zone",
] as const;
const channelColumns = ["phone", "email", "secure_messaging", "fax", "address"] as const;
const optionalColumns = [...channelColumns, "holder_username", "holder_since"] as const;
/** Columns of the directory export that an import ignores, so an export can be re-imported. */
const ignoredColumns = new Set<string>(directoryCsvColumns);
const knownColumns = new Set<string>([...requiredColumns, ...optionalColumns]);

/** A spreadsheet-safe cell (`'+227...`) back to its value. */
function unescapeFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function list(value: string): string[] {
  return value
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** A roster problem at a line and column of the file. */
export function issueAt(line: number, column: string, message: string): RosterIssue {
  return { path: `line ${line}, column ${column}`, message };
}

type Cells = Record<string, string>;

function readRow(cells: Cells, line: number, issues: RosterIssue[]): RosterRow | undefined {
  const before = issues.length;
  const value = (column: string) => unescapeFormula(cells[column]?.trim() ?? "");
  const check = <S extends z.ZodType>(schema: S, column: string, raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      issues.push(issueAt(line, column, parsed.error.issues.map((i) => i.message).join("; ")));
    }
    return parsed.success ? (parsed.data as z.infer<S>) : undefined;
  };
  const country = check(registerCountrySchema, "country", value("country"));
  const name = check(z.string().min(1).max(200), "organisation", value("organisation"));
  const kind = check(organisationKindSchema, "organisation_kind", value("organisation_kind"));
  const title = check(postDetailsSchema.shape.title, "post_title", value("post_title"));
  const areas = check(
    z.array(thematicAreaSchema).min(1),
    "thematic_areas",
    list(value("thematic_areas")),
  );
  const languages = check(
    z.array(languageCodeSchema).min(1).max(10),
    "working_languages",
    list(value("working_languages")),
  );
  const timeZone = check(timeZoneSchema, "time_zone", value("time_zone"));
  const channels: ContactChannel[] = [];
  for (const kind of channelColumns) {
    const values = kind === "address" ? [value(kind)].filter(Boolean) : list(value(kind));
    for (const item of values.map(unescapeFormula)) {
      const channel = check(contactChannelSchema, kind, { kind, value: item });
      if (channel) channels.push(channel);
    }
  }
  const holder = value("holder_username") || null;
  const since = value("holder_since") || null;
  if (since !== null) check(timestampSchema, "holder_since", since);
  if (since !== null && holder === null) {
    issues.push(issueAt(line, "holder_since", "needs a holder_username"));
  }
  if (issues.length > before || !country || !name || !kind || !title) return undefined;
  if (!areas || !languages || !timeZone) return undefined;
  const post = postDetailsSchema.safeParse({
    title,
    thematicAreas: areas,
    workingLanguages: languages,
    contactChannels: channels,
    timeZone,
    deputyPostId: null,
  });
  if (!post.success) {
    for (const problem of post.error.issues) {
      issues.push(issueAt(line, String(problem.path[0] ?? "post"), problem.message));
    }
    return undefined;
  }
  return {
    line,
    country,
    organisation: { name, kind },
    post: post.data,
    holderUsername: holder,
    holderSince: since,
  };
}

function lineBreaks(cells: Cells): number {
  return Object.values(cells).reduce(
    (total, cell) => total + (cell.match(/\r\n|\r|\n/g)?.length ?? 0),
    0,
  );
}

/**
 * Parses and checks the file on its own (the register is checked by the import). `readable` is
 * false when the file as a whole cannot be read (malformed CSV, missing or unknown columns);
 * otherwise `rows` are the valid rows and `issues` the problems of the others.
 */
export function readRosterCsv(csv: string): {
  rows: RosterRow[];
  issues: RosterIssue[];
  readable: boolean;
} {
  let records: { record: Cells; info: { lines: number } }[];
  try {
    records = parse(csv, { columns: true, info: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    return { rows: [], issues: [{ path: `line ${lines ?? 1}`, message }], readable: false };
  }
  const issues: RosterIssue[] = [];
  const header = Object.keys(records[0]?.record ?? {});
  for (const column of requiredColumns) {
    if (records.length > 0 && !header.includes(column)) {
      issues.push(issueAt(1, column, "missing column"));
    }
  }
  for (const column of header) {
    if (!knownColumns.has(column) && !ignoredColumns.has(column)) {
      issues.push(issueAt(1, column, "unknown column"));
    }
  }
  if (records.length === 0) issues.push({ path: "line 2", message: "the roster has no rows" });
  if (issues.length > 0) return { rows: [], issues, readable: false };
  const rows: RosterRow[] = [];
  for (const { record, info } of records) {
    const row = readRow(record, info.lines - lineBreaks(record), issues);
    if (row) rows.push(row);
  }
  return { rows, issues, readable: true };
}
