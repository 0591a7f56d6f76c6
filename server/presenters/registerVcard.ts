import type { ContactChannel, PostView } from "#shared/api/register";

/**
 * vCard 4.0 (RFC 6350) of the directory: one card per post, named after its current holder.
 * Text values are escaped (§3.4), lines end with CRLF and are folded at 75 octets without
 * splitting a UTF-8 sequence (§3.2).
 */

const CRLF = "\r\n";
const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

/** Escapes a text value or a component of a structured value (RFC 6350 §3.4). */
export function escapeVcardText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/,/g, "\\,")
    .replace(/;/g, "\\;")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line into lines of at most 75 octets, continuations starting with a space. */
export function foldVcardLine(line: string): string {
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = " ";
      octets = 1;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** `20240131T093000Z`, the vCard timestamp form. */
function vcardTimestamp(iso: string): string {
  return `${iso.slice(0, 19).replace(/[-:]/g, "")}Z`;
}

function channelLine(channel: ContactChannel): string {
  switch (channel.kind) {
    case "phone":
      return `TEL;VALUE=uri;TYPE="work,voice":tel:${channel.value}`;
    case "fax":
      return `TEL;VALUE=uri;TYPE="work,fax":tel:${channel.value}`;
    case "email":
      return `EMAIL;TYPE=work:${escapeVcardText(channel.value)}`;
    case "secure_messaging":
      return `X-RELAIS-SECURE-MESSAGING:${escapeVcardText(channel.value)}`;
    case "address":
      return `ADR;TYPE=work:;;${escapeVcardText(channel.value)};;;;`;
  }
}

/** The content lines of one post's card, unfolded. */
export function vcardLinesOfPost(post: PostView): string[] {
  const holder = post.holder;
  return [
    "BEGIN:VCARD",
    "VERSION:4.0",
    `UID:urn:uuid:${post.id}`,
    `KIND:${holder ? "individual" : "org"}`,
    `FN:${escapeVcardText(holder ? holder.displayName : post.title)}`,
    `ORG:${escapeVcardText(post.organisation.name)}`,
    `TITLE:${escapeVcardText(post.title)}`,
    ...(holder ? [`ROLE:${holder.role}`] : []),
    `CATEGORIES:${post.thematicAreas.map(escapeVcardText).join(",")}`,
    ...post.workingLanguages.map((language, index) => `LANG;PREF=${index + 1}:${language}`),
    `TZ:${escapeVcardText(post.timeZone)}`,
    ...post.contactChannels.map(channelLine),
    `X-RELAIS-COUNTRY:${post.country}`,
    `REV:${vcardTimestamp(post.updatedAt)}`,
    "END:VCARD",
  ];
}

/** Every post's card, folded, CRLF-terminated. */
export function vcardsOfPosts(posts: readonly PostView[]): string {
  return posts
    .flatMap(vcardLinesOfPost)
    .map((line) => foldVcardLine(line) + CRLF)
    .join("");
}
