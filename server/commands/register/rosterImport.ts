import { createHash } from "node:crypto";
import type { z } from "zod";
import type {
  rosterImportBodySchema,
  rosterImportPlanBodySchema,
  rosterImportResponseSchema,
} from "#shared/api/register";
import type { RegisterEntry } from "#shared/log/registerEntries";
import { assignmentStartedEntry, postCreatedEntry } from "#shared/log/registerEntryBuilders";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { signedLeaf } from "../../identity/logLeaves";
import type { AuthenticatedActor } from "../../policies/actor";
import { canManageCountry } from "../../policies/register";
import { findDevice } from "../../store/devices";
import { findPersonByUsername } from "../../store/persons";
import { insertAssignment } from "../../store/registerAssignments";
import { isUniqueViolation } from "../../store/registerConstraints";
import { findOrganisationByName, insertOrganisation } from "../../store/registerOrganisations";
import { findPostByTitle, insertPost } from "../../store/registerPosts";
import { issueAt, type RosterIssue, type RosterRow, readRosterCsv } from "./rosterCsv";

type PlanBody = z.infer<typeof rosterImportPlanBodySchema>;

/** As for every signed entry: the import's `at` is refused beyond this from the hub's clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

interface PlannedOrganisation {
  id: string;
  country: string;
  name: string;
  kind: RosterRow["organisation"]["kind"];
  /** False for an organisation already in the register. */
  isNew: boolean;
}

interface PlannedPost {
  row: RosterRow;
  postId: string;
  organisationId: string;
  holder: { personId: string; assignmentId: string; startsAt: string } | null;
}

/** What an import will write, and the log entries the importing device signs, in order. */
interface RosterPlan {
  organisations: Map<string, PlannedOrganisation>;
  posts: PlannedPost[];
  entries: RegisterEntry[];
}

/** An id derived from the import's id, so that the plan and the import agree on every id. */
function derivedId(importId: string, key: string): string {
  const hex = createHash("sha256").update(`relais/roster-import/${importId}/${key}`).digest("hex");
  // RFC 9562 version 8 (custom) with the RFC variant bits.
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Issues in file order: by line, then in the order they were found. */
function sortByLine(issues: RosterIssue[]): RosterIssue[] {
  const lineOf = (issue: RosterIssue) => Number(/^line (\d+)/.exec(issue.path)?.[1] ?? 0);
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => lineOf(a.issue) - lineOf(b.issue) || a.index - b.index)
    .map(({ issue }) => issue);
}

function refuse(issues: RosterIssue[]): never {
  throw new AppError("validation_failed", "The roster is invalid; nothing was imported.", issues);
}

/** Checks the whole roster against the file, the register and the actor's authority. */
async function planRoster(
  hub: HubContext,
  actor: AuthenticatedActor,
  body: PlanBody,
): Promise<RosterPlan> {
  const db = hub.database.db;
  if (Math.abs(Date.parse(body.at) - hub.now().getTime()) > MAX_CLOCK_SKEW_MS) {
    refuse([{ path: "body.at", message: "must be within 5 minutes of the hub's clock" }]);
  }
  const { rows, issues, readable } = readRosterCsv(body.csv);
  if (!readable) refuse(issues);
  const organisations: RosterPlan["organisations"] = new Map();
  const titles = new Set<string>();
  const posts: PlannedPost[] = [];
  for (const row of rows) {
    const { line, country } = row;
    if (!canManageCountry(actor, country).allowed) {
      issues.push(issueAt(line, "country", "outside your authority"));
      continue;
    }
    const key = `${country}/${row.organisation.name}`;
    let organisation = organisations.get(key);
    if (!organisation) {
      const existing = await findOrganisationByName(db, country, row.organisation.name);
      organisation = existing
        ? { ...existing, isNew: false }
        : {
            id: derivedId(body.importId, `organisation/${key}`),
            country,
            ...row.organisation,
            isNew: true,
          };
      organisations.set(key, organisation);
    }
    if (organisation.kind !== row.organisation.kind) {
      issues.push(issueAt(line, "organisation_kind", `the organisation is ${organisation.kind}`));
    }
    const titleKey = `${key}/${row.post.title}`;
    if (titles.has(titleKey) || (await findPostByTitle(db, organisation.id, row.post.title))) {
      issues.push(issueAt(line, "post_title", "this organisation already has a post so named"));
    }
    titles.add(titleKey);
    let holder: PlannedPost["holder"] = null;
    if (row.holderUsername) {
      const person = await findPersonByUsername(db, row.holderUsername);
      if (!person) issues.push(issueAt(line, "holder_username", "no such person"));
      else if (person.country !== country || person.status === "suspended") {
        issues.push(issueAt(line, "holder_username", `not an active person of ${country}`));
      } else {
        const assignmentId = derivedId(body.importId, `assignment/${line}`);
        holder = { personId: person.id, assignmentId, startsAt: row.holderSince ?? body.at };
      }
    }
    posts.push({
      row,
      postId: derivedId(body.importId, `post/${line}`),
      organisationId: organisation.id,
      holder,
    });
  }
  if (issues.length > 0) refuse(sortByLine(issues));
  const entries = posts.flatMap(({ row, postId, organisationId, holder }): RegisterEntry[] => [
    postCreatedEntry({ ...row.post, postId, organisationId, country: row.country }, body.at),
    ...(holder
      ? [
          assignmentStartedEntry(
            postId,
            { ...holder, role: "holder", reason: "Initial roster import" },
            body.at,
          ),
        ]
      : []),
  ]);
  return { organisations, posts, entries };
}

/** Validates a roster and returns the log entries its import will append, to be signed. */
export async function planRosterImport(
  hub: HubContext,
  actor: AuthenticatedActor,
  body: PlanBody,
): Promise<RegisterEntry[]> {
  return (await planRoster(hub, actor, body)).entries;
}

/**
 * Imports a roster in one transaction, with one signed log leaf per entry of its plan: every
 * row is valid and written, or nothing is.
 */
export async function importRoster(
  hub: HubContext,
  actor: AuthenticatedActor,
  body: z.infer<typeof rosterImportBodySchema>,
): Promise<z.infer<typeof rosterImportResponseSchema>> {
  const plan = await planRoster(hub, actor, body);
  if (body.logSignatures.length !== plan.entries.length) {
    throw new AppError("validation_failed", "Sign every entry of the plan, in order.", [
      { path: "body.logSignatures", message: `expected ${plan.entries.length} signatures` },
    ]);
  }
  const now = hub.now();
  const created = [...plan.organisations.values()].filter((organisation) => organisation.isNew);
  await hub.database.db
    .transaction(async (tx) => {
      const device = await findDevice(tx, actor.deviceId);
      if (device?.status !== "active") {
        throw new AppError("device_revoked", "Your device is not active.");
      }
      const signer = { deviceId: device.id, signingKey: device.signingKey };
      const leaves = plan.entries.map((entry, index) =>
        signedLeaf(hub, entry, { at: body.at, signature: body.logSignatures[index] ?? "" }, signer),
      );
      for (const { isNew: _new, ...organisation } of created) {
        await insertOrganisation(tx, {
          ...organisation,
          createdBy: actor.personId,
          createdAt: now,
          updatedAt: now,
        });
      }
      for (const { row, postId, organisationId, holder } of plan.posts) {
        await insertPost(tx, {
          ...row.post,
          id: postId,
          organisationId,
          country: row.country,
          createdBy: actor.personId,
          createdAt: now,
          updatedAt: now,
        });
        if (!holder) continue;
        await insertAssignment(tx, {
          id: holder.assignmentId,
          postId,
          personId: holder.personId,
          role: "holder",
          startsAt: new Date(holder.startsAt),
          reason: "Initial roster import",
          decidedByPerson: actor.personId,
          decidedByDevice: actor.deviceId,
          createdAt: now,
        });
      }
      await hub.log.appendInTransaction(tx, leaves);
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw new AppError(
          "conflict",
          "The register changed meanwhile, or this roster was imported.",
        );
      }
      throw error;
    });
  const assignments = plan.posts.filter((post) => post.holder).length;
  return { organisations: created.length, posts: plan.posts.length, assignments };
}
