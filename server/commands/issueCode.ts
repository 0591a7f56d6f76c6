import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { issuedCodeSchema } from "#shared/api/identity";
import type { HubContext } from "../context";
import { hashToken, newSecretToken } from "../identity/tokens";
import type { AuthenticatedActor } from "../policies/actor";
import {
  type EnrolmentCodeRow,
  insertEnrolmentCode,
  retireEnrolmentCodes,
} from "../store/enrolmentCodes";
import type { Executor } from "../store/executor";

/**
 * Issues a single-use code of 192 random bits for a person, replacing any live code of the same
 * kind. Only its hash is stored; the code itself is returned once, to be shown once.
 */
export async function issueCode(
  hub: HubContext,
  db: Executor,
  actor: AuthenticatedActor,
  personId: string,
  kind: EnrolmentCodeRow["kind"],
): Promise<z.infer<typeof issuedCodeSchema>> {
  const now = hub.now();
  await retireEnrolmentCodes(db, personId, kind, now);
  const code = newSecretToken(24);
  const expiresAt = new Date(now.getTime() + hub.config.enrolmentCodeTtlMs);
  await insertEnrolmentCode(db, {
    id: randomUUID(),
    codeHash: hashToken(code),
    kind,
    personId,
    createdByPerson: actor.personId,
    createdByDevice: actor.deviceId,
    createdAt: now,
    expiresAt,
  });
  return { code, kind, expiresAt: expiresAt.toISOString() };
}
