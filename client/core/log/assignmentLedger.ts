import type { PostView } from "#shared/api/registerViews";
import type { SignedLeaf } from "#shared/log/entries";
import type { AlertDetails } from "./securityAlert.ts";

/** A running assignment as the log records it. */
export interface LoggedAssignment {
  readonly assignmentId: string;
  readonly postId: string;
  readonly personId: string;
  readonly role: string;
  /** Position of the leaf that started it. */
  readonly startedAt: number;
}

/**
 * Who holds which post according to the log: replays `assignment-started`, `assignment-ended`
 * and `handover-completed` (which ends the predecessor's assignment and starts the
 * successor's). The hub's register must agree with it; the log is what clients can prove.
 */
export class AssignmentLedger {
  private readonly running = new Map<string, LoggedAssignment>();
  /** Assignments the log has ended, by id, with the position of the leaf that ended them. */
  private readonly ended = new Map<string, number>();
  /** Every assignment the log started, running or ended, by person. */
  private readonly byPerson = new Map<string, LoggedAssignment[]>();

  /** Applies one verified leaf at position `index`. */
  add(index: number, leaf: SignedLeaf): void {
    const { entry } = leaf;
    if (entry.type === "assignment-started") {
      const { assignmentId, postId, personId, role } = entry;
      this.start({ assignmentId, postId, personId, role, startedAt: index });
    } else if (entry.type === "assignment-ended") {
      this.end(entry.assignmentId, index);
    } else if (entry.type === "handover-completed") {
      if (entry.endedAssignmentId !== null) this.end(entry.endedAssignmentId, index);
      this.start({
        assignmentId: entry.startedAssignmentId,
        postId: entry.postId,
        personId: entry.successorPersonId,
        role: "holder",
        startedAt: index,
      });
    }
  }

  /** The running assignment with this id, if the log has started and not ended it. */
  assignment(assignmentId: string): LoggedAssignment | undefined {
    return this.running.get(assignmentId);
  }

  /**
   * The assignments of `personId` to `postId` that were running in the tree of `treeSize`
   * leaves: started by a leaf before it, and not ended by one.
   */
  heldAt(personId: string, postId: string, treeSize: number): LoggedAssignment[] {
    return (this.byPerson.get(personId) ?? []).filter((assignment) => {
      const endedAt = this.ended.get(assignment.assignmentId);
      return (
        assignment.postId === postId &&
        assignment.startedAt < treeSize &&
        (endedAt === undefined || endedAt >= treeSize)
      );
    });
  }

  /** Every assignment of `personId` to `postId` the log started, running or ended. */
  everHeld(personId: string, postId: string): LoggedAssignment[] {
    return (this.byPerson.get(personId) ?? []).filter((assignment) => assignment.postId === postId);
  }

  /** The running assignments of a post (holder, interim and deputies). */
  runningOnPost(postId: string): LoggedAssignment[] {
    return [...this.running.values()].filter((assignment) => assignment.postId === postId);
  }

  /** The position of the leaf that ended this assignment, if the log ended it. */
  endedAt(assignmentId: string): number | undefined {
    return this.ended.get(assignmentId);
  }

  private start(assignment: LoggedAssignment): void {
    this.running.set(assignment.assignmentId, assignment);
    const list = this.byPerson.get(assignment.personId) ?? [];
    list.push(assignment);
    this.byPerson.set(assignment.personId, list);
  }

  private end(assignmentId: string, index: number): void {
    this.running.delete(assignmentId);
    this.ended.set(assignmentId, index);
  }
}

/** Why a post's shown assignees disagree with the log, or null when they agree. */
export type PostProblem =
  | { kind: "not_in_log"; message: string }
  | { kind: "mismatch"; message: string; details: AlertDetails };

/**
 * Compares the holder and deputies the hub shows for a post with the ledger replayed up to a
 * head read BEFORE the post: whatever the log holds must show. An assignment the log ended, or
 * one shown with another person, post or role, is a mismatch; one the log does not know yet is
 * newer than the head.
 */
export function comparePostWithLedger(
  post: PostView,
  ledger: AssignmentLedger,
  treeSize: number,
): PostProblem | null {
  const shown = post.holder === null ? post.deputies : [post.holder, ...post.deputies];
  for (const assignee of shown) {
    const { assignmentId } = assignee;
    const logged = ledger.assignment(assignmentId);
    const endedAt = ledger.endedAt(assignmentId);
    const details = {
      postId: post.id,
      assignmentId,
      shownPersonId: assignee.personId,
      shownRole: assignee.role,
    };
    if (logged === undefined && endedAt !== undefined) {
      const message = `the hub shows assignment ${assignmentId}, which its log ended at leaf ${endedAt}`;
      return { kind: "mismatch", message, details: { ...details, endedAt } };
    }
    if (logged === undefined) {
      const message = `assignment ${assignmentId} is not in the log of size ${treeSize}`;
      return { kind: "not_in_log", message };
    }
    const same =
      logged.postId === post.id &&
      logged.personId === assignee.personId &&
      logged.role === assignee.role;
    if (!same) {
      const message = `the hub shows assignment ${assignmentId} otherwise than its log records it`;
      return {
        kind: "mismatch",
        message,
        details: {
          ...details,
          loggedPostId: logged.postId,
          loggedPersonId: logged.personId,
          loggedRole: logged.role,
        },
      };
    }
  }
  return null;
}
