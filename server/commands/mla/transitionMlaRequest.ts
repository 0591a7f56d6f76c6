import type { MlaRequestView, MlaTransitionBody } from "#shared/api/mla";
import { describeIssues } from "#shared/errors";
import { mlaTransitionEntry } from "#shared/mla/entryBuilders";
import { checkTransition } from "#shared/mla/lifecycle";
import { mlaTransitionStatementSchema } from "#shared/mla/transitionStatement";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { actorSignedLeaf } from "../../identity/logLeaves";
import type { AuthenticatedActor } from "../../policies/actor";
import { decideMlaTransition, postOfSide } from "../../policies/mla";
import { heldPosts } from "../../store/channels";
import { insertMlaTransition, lockMlaRequest, updateMlaRequest } from "../../store/mla";
import { leafHashOf, loadMlaRequest, presentMlaRequest } from "./mlaRecords";

/**
 * A side moves a request (acknowledge, start or report execution, refuse with grounds,
 * withdraw, request or provide information), logged as `mla-transition` signed by the acting
 * device, in the same transaction as the status change. The lifecycle table decides
 * (`server/policies/mla.ts`): `request_closed`, `invalid_transition`, `wrong_side`.
 */
export async function transitionMlaRequest(
  hub: HubContext,
  actor: AuthenticatedActor,
  requestId: string,
  body: MlaTransitionBody,
): Promise<MlaRequestView> {
  const db = hub.database.db;
  const { log, ...input } = body;
  const parsed = mlaTransitionStatementSchema.safeParse(
    mlaTransitionEntry(requestId, input, log.at),
  );
  if (!parsed.success) {
    throw new AppError(
      "validation_failed",
      "Not a valid transition.",
      describeIssues(parsed.error.issues).map((issue) => ({
        ...issue,
        path: `body.${issue.path}`,
      })),
    );
  }
  const statement = parsed.data;
  const held = await heldPosts(db, actor.personId);
  await db.transaction(async (tx) => {
    const row = await lockMlaRequest(tx, requestId);
    if (!row) throw new AppError("not_found", "No such request.");
    const decision = decideMlaTransition(held, row, row, statement);
    if (!decision.allowed) throw new AppError(decision.code, `Refused: ${decision.reason}.`);
    const check = checkTransition(
      row.status,
      statement.action,
      statement.side,
      row.awaitingInformation,
    );
    if (!check.ok) throw new AppError("invalid_transition", "Refused.");
    const leaf = await actorSignedLeaf(hub, tx, actor.deviceId, statement, log);
    const now = hub.now();
    await updateMlaRequest(tx, requestId, {
      status: check.to,
      awaitingInformation: check.awaitingInformation,
      updatedAt: now,
    });
    await insertMlaTransition(tx, {
      requestId,
      action: statement.action,
      side: statement.side,
      fromStatus: statement.from,
      toStatus: statement.to,
      grounds: statement.grounds ?? null,
      actorPostId: postOfSide(row, statement.side),
      actorDeviceId: actor.deviceId,
      at: now,
      leafHash: leafHashOf(leaf),
    });
    await hub.log.appendInTransaction(tx, [leaf]);
  });
  return presentMlaRequest(await loadMlaRequest(db, requestId), hub.now());
}
