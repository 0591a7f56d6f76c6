import { randomUUID } from "node:crypto";
import type { HubContext } from "../context";
import { actingHolder, isStale } from "../presenters/register";
import {
  type AssignmentRecord,
  listAssignmentsOfPosts,
  listCurrentAssignmentRecords,
} from "../store/registerAssignments";
import { listPostsWithOrganisation, type PostRow } from "../store/registerPosts";
import { listActiveCoordinators, recordReminder } from "../store/registerReminders";
import { type PeriodicJob, periodicJob } from "./periodicJob";

/** How often a hub looks for stale and vacant posts. */
export const CONTACT_VERIFICATION_INTERVAL_MS = 60 * 60_000;

/** What one pass found and recorded. */
export interface ContactVerificationReport {
  readonly stalePosts: number;
  readonly vacantPosts: number;
  readonly remindersRecorded: number;
}

/** The contact-verification job: an interval the hub starts, and one pass for tests. */
export type ContactVerificationJob = PeriodicJob<ContactVerificationReport>;

/** When a vacant post fell vacant: its last holder's end, or its creation. */
function vacantSince(post: PostRow, ends: readonly Date[], now: Date): Date {
  const past = ends.filter((end) => end <= now).map((end) => end.getTime());
  return past.length > 0 ? new Date(Math.max(...past)) : post.createdAt;
}

/**
 * Records reminders: for a stale post, to its holder and its country's coordinators; for a
 * vacant post, to the coordinators. A reminder is recorded once per post, person and occasion
 * (`since`), so passes can repeat and several hubs can run them.
 */
async function verifyContacts(hub: HubContext, now: Date): Promise<ContactVerificationReport> {
  const db = hub.database.db;
  const records = await listPostsWithOrganisation(db, {});
  const postIds = records.map(({ post }) => post.id);
  const current = await listCurrentAssignmentRecords(db, postIds, now);
  const currentByPost = new Map<string, AssignmentRecord[]>();
  for (const row of current) {
    currentByPost.set(row.assignment.postId, [
      ...(currentByPost.get(row.assignment.postId) ?? []),
      row,
    ]);
  }
  const countries = [...new Set(records.map(({ post }) => post.country))];
  const coordinators = await listActiveCoordinators(db, countries);
  const coordinatorsOf = (country: string) =>
    coordinators.filter((person) => person.country === country).map((person) => person.id);
  const vacant = records.filter(({ post }) => !actingHolder(currentByPost.get(post.id) ?? []));
  const history = await listAssignmentsOfPosts(
    db,
    vacant.map(({ post }) => post.id),
  );

  let stalePosts = 0;
  let remindersRecorded = 0;
  const remind = async (
    recipientPersonId: string,
    post: PostRow,
    kind: "stale_post" | "vacant_post",
    since: Date,
  ) => {
    const recorded = await recordReminder(db, {
      id: randomUUID(),
      recipientPersonId,
      postId: post.id,
      kind,
      since,
      createdAt: now,
    });
    if (recorded) remindersRecorded += 1;
  };
  for (const { post } of records) {
    if (!isStale(post, now, hub.config.staleAfterDays)) continue;
    stalePosts += 1;
    const holder = actingHolder(currentByPost.get(post.id) ?? []);
    const recipients = new Set([...coordinatorsOf(post.country)]);
    if (holder) recipients.add(holder.assignment.personId);
    for (const recipient of recipients) {
      await remind(recipient, post, "stale_post", post.confirmedAt ?? post.createdAt);
    }
  }
  for (const { post } of vacant) {
    const ends = history
      .filter((row) => row.postId === post.id && row.role !== "deputy" && row.endsAt)
      .map((row) => row.endsAt as Date);
    for (const recipient of coordinatorsOf(post.country)) {
      await remind(recipient, post, "vacant_post", vacantSince(post, ends, now));
    }
  }
  return { stalePosts, vacantPosts: vacant.length, remindersRecorded };
}

/** The job of a hub; reads the hub's clock, so tests that move the clock move the job too. */
export function createContactVerificationJob(
  hub: HubContext,
  intervalMs = CONTACT_VERIFICATION_INTERVAL_MS,
): ContactVerificationJob {
  return periodicJob(hub, "contact verification", intervalMs, (now) => verifyContacts(hub, now));
}
