import { describe, expect, it } from "vitest";
import {
  type DeadlineSubject,
  deadlineInstant,
  dueDeadlineNotices,
  isOverdue,
  nextDeadlineCheck,
} from "#shared/mla/deadlines";
import type { DeadlineNoticeKind } from "#shared/mla/lifecycleVocabulary";
import { createTestClock } from "../support/clock";

const sent: DeadlineSubject = { status: "in_execution", deadline: "2027-02-26" };
const day = 24 * 60 * 60 * 1000;

/** The kinds due at `now`, given what was delivered. */
const dueAt = (subject: DeadlineSubject, now: string, delivered: DeadlineNoticeKind[] = []) =>
  dueDeadlineNotices(subject, new Date(now), delivered).map((notice) => notice.kind);

describe("MLA deadlines", () => {
  it("end at the end of the deadline day, UTC", () => {
    expect(deadlineInstant("2027-02-26").toISOString()).toBe("2027-02-27T00:00:00.000Z");
    expect(isOverdue(sent, new Date("2027-02-26T23:59:59.999Z"))).toBe(false);
    expect(isOverdue(sent, new Date("2027-02-27T00:00:00.000Z"))).toBe(true);
    expect(isOverdue({ status: "sent", deadline: null }, new Date("2099-01-01"))).toBe(false);
  });

  it("remind the requested post 7 days and 1 day before, then escalate once, as a job would", () => {
    const clock = createTestClock(new Date("2027-02-01T00:00:00Z"));
    const delivered: DeadlineNoticeKind[] = [];
    const log: string[] = [];
    // A job that runs every six hours for six weeks.
    for (let run = 0; run < 6 * 7 * 4; run++) {
      for (const notice of dueDeadlineNotices(sent, clock.now(), delivered)) {
        delivered.push(notice.kind);
        log.push(`${notice.kind} ${notice.dueAt.toISOString()} -> ${notice.recipients.join("+")}`);
      }
      clock.advance(6 * 60 * 60 * 1000);
    }
    expect(log).toEqual([
      "reminder_7_days 2027-02-20T00:00:00.000Z -> requested_post",
      "reminder_1_day 2027-02-26T00:00:00.000Z -> requested_post",
      "escalation 2027-02-27T00:00:00.000Z -> requested_country_coordinator+requesting_post",
    ]);
  });

  it("send nothing before the first reminder is due", () => {
    expect(dueAt(sent, "2027-02-19T23:59:59Z")).toEqual([]);
    expect(dueAt(sent, "2027-02-20T00:00:00Z")).toEqual(["reminder_7_days"]);
  });

  it("skip a reminder overtaken by a later one instead of sending it late", () => {
    expect(dueAt(sent, "2027-02-26T10:00:00Z")).toEqual(["reminder_1_day"]);
    expect(dueAt(sent, "2027-03-10T00:00:00Z", ["reminder_7_days"])).toEqual(["escalation"]);
  });

  it("send each notice once", () => {
    expect(dueAt(sent, "2027-02-21T00:00:00Z", ["reminder_7_days"])).toEqual([]);
    expect(dueAt(sent, "2027-04-01T00:00:00Z", ["reminder_1_day", "escalation"])).toEqual([]);
  });

  it("ignore drafts, ended requests and requests without a deadline", () => {
    for (const status of ["draft", "executed", "refused", "withdrawn"] as const) {
      expect(dueAt({ status, deadline: "2027-02-26" }, "2027-03-01T00:00:00Z"), status).toEqual([]);
    }
    expect(dueAt({ status: "sent", deadline: null }, "2027-03-01T00:00:00Z")).toEqual([]);
  });

  it("keep reminding while the request is only partially executed", () => {
    const partial: DeadlineSubject = { status: "partially_executed", deadline: "2027-02-26" };
    expect(dueAt(partial, "2027-02-27T00:00:00Z", ["reminder_1_day"])).toEqual(["escalation"]);
  });

  it("say when the job should look again", () => {
    expect(nextDeadlineCheck(sent)?.toISOString()).toBe("2027-02-20T00:00:00.000Z");
    expect(nextDeadlineCheck(sent, ["reminder_7_days"])?.getTime()).toBe(
      Date.parse("2027-02-27T00:00:00Z") - day,
    );
    expect(nextDeadlineCheck(sent, ["escalation"])).toBeNull();
    expect(nextDeadlineCheck({ status: "executed", deadline: "2027-02-26" })).toBeNull();
  });
});
