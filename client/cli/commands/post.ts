import type { Command } from "commander";
import type { AssignmentView, HandoverView } from "#client/core/registerClient";
import { type CliContext, CliError, loggedInClient, output, profileOf } from "./cliContext.ts";
import { postLine } from "./roster.ts";

/** One line of a post's history: from, to, kind, holder, reason (and why it ended). */
export function assignmentLine(assignment: AssignmentView): string {
  const until = assignment.endsAt ?? "now";
  const ended = assignment.endReason === null ? "" : `; ended: ${assignment.endReason}`;
  return `${assignment.startsAt} → ${until}  ${assignment.role}  ${assignment.person.displayName}  reason: ${assignment.reason}${ended}`;
}

/** One line describing a handover and its steps so far. */
export function handoverLine(handover: HandoverView): string {
  const steps = handover.steps.map((step) => step.step).join(" → ");
  return `${handover.id}  ${handover.status}  post ${handover.postId}  successor ${handover.successorPersonId}  (${steps})`;
}

/** `relais post history|holders|confirm POSTID`. */
export function registerPostCommands(program: Command, context: CliContext): void {
  const post = program.command("post").description("one post of the register");

  post
    .command("history")
    .description("the post's assignments in order, and its handovers")
    .argument("<postId>", "the post")
    .action(async (postId: string, _options: unknown, command: Command) => {
      const { client } = await loggedInClient(profileOf(context, command));
      const history = await client.register.history(postId);
      output(context, command, history, () => [
        postLine(history.post),
        "Assignments:",
        ...(history.assignments.length === 0
          ? ["  none"]
          : history.assignments.map((line) => `  ${assignmentLine(line)}`)),
        "Handovers:",
        ...(history.handovers.length === 0
          ? ["  none"]
          : history.handovers.map((line) => `  ${handoverLine(line)}`)),
      ]);
    });

  post
    .command("holders")
    .description("who held the post on a day (UTC), now by default")
    .argument("<postId>", "the post")
    .option("--on <date>", "the day, as YYYY-MM-DD")
    .action(async (postId: string, options: { on?: string }, command: Command) => {
      if (options.on !== undefined && !isCalendarDay(options.on)) {
        throw new CliError("usage", "--on must be a date as YYYY-MM-DD", 2);
      }
      const { client } = await loggedInClient(profileOf(context, command));
      const holders = await client.register.holdersOn(postId, options.on);
      output(context, command, holders, () =>
        holders.assignments.length === 0
          ? [`Nobody held the post on ${holders.on}.`]
          : holders.assignments.map(assignmentLine),
      );
    });

  post
    .command("confirm")
    .description("confirm that the post's details and contacts are right")
    .argument("<postId>", "the post")
    .action(async (postId: string, _options: unknown, command: Command) => {
      const { client } = await loggedInClient(profileOf(context, command));
      const confirmed = await client.register.confirmPost(postId);
      output(context, command, { post: confirmed }, () => [
        `Confirmed ${confirmed.confirmedAt ?? ""}: ${postLine(confirmed)}`,
      ]);
    });
}

function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}
