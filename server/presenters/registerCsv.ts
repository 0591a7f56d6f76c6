import { stringify } from "csv-stringify/sync";
import type { ContactChannel, PostView } from "#shared/api/register";

/**
 * The directory as CSV (RFC 4180: CRLF, quoted as needed, a header row). Cells that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) are prefixed with an
 * apostrophe, phone numbers included; the roster import strips that prefix again.
 */
export const directoryCsvColumns = [
  "post_id",
  "country",
  "organisation",
  "organisation_kind",
  "post_title",
  "thematic_areas",
  "working_languages",
  "time_zone",
  "phone",
  "email",
  "secure_messaging",
  "fax",
  "address",
  "holder",
  "holder_role",
  "deputies",
  "deputy_post_id",
  "confirmed_at",
  "stale",
  "vacant",
] as const;

/** Several values in one cell are separated by this. */
export const CSV_LIST_SEPARATOR = "; ";

function channelValues(channels: readonly ContactChannel[], kind: ContactChannel["kind"]) {
  return channels
    .filter((channel) => channel.kind === kind)
    .map((channel) => channel.value)
    .join(CSV_LIST_SEPARATOR);
}

/** The directory entries as CSV with a header row of {@link directoryCsvColumns}. */
export function directoryCsv(posts: readonly PostView[]): string {
  const rows = posts.map((post) => ({
    post_id: post.id,
    country: post.country,
    organisation: post.organisation.name,
    organisation_kind: post.organisation.kind,
    post_title: post.title,
    thematic_areas: post.thematicAreas.join(CSV_LIST_SEPARATOR),
    working_languages: post.workingLanguages.join(CSV_LIST_SEPARATOR),
    time_zone: post.timeZone,
    phone: channelValues(post.contactChannels, "phone"),
    email: channelValues(post.contactChannels, "email"),
    secure_messaging: channelValues(post.contactChannels, "secure_messaging"),
    fax: channelValues(post.contactChannels, "fax"),
    address: channelValues(post.contactChannels, "address"),
    holder: post.holder?.displayName ?? "",
    holder_role: post.holder?.role ?? "",
    deputies: post.deputies.map((deputy) => deputy.displayName).join(CSV_LIST_SEPARATOR),
    deputy_post_id: post.deputyPostId ?? "",
    confirmed_at: post.confirmedAt ?? "",
    stale: String(post.stale),
    vacant: String(post.vacant),
  }));
  return stringify(rows, {
    header: true,
    columns: [...directoryCsvColumns],
    record_delimiter: "windows",
    escape_formulas: true,
  });
}
