import { randomUUID } from "node:crypto";
import type { HubContext } from "../context";
import { hashToken, newSecretToken } from "../identity/tokens";
import { hasLiveBootstrapCode, insertEnrolmentCode, lockBootstrap } from "../store/enrolmentCodes";
import { findPersonByUsername, hasActiveAdministrator, insertPerson } from "../store/persons";

export const BOOTSTRAP_USERNAME = "admin";

/**
 * On a hub with no administrator and no live bootstrap code, creates the first administrator
 * (invited) and a one-time code for them. The code is returned to be printed once on standard
 * output; only its hash is stored. Later starts return null, unless the code expired unused.
 */
export async function issueBootstrapCodeIfNeeded(hub: HubContext): Promise<string | null> {
  const now = hub.now();
  return hub.database.db.transaction(async (tx) => {
    await lockBootstrap(tx);
    if (await hasActiveAdministrator(tx)) return null;
    if (await hasLiveBootstrapCode(tx, now)) return null;
    const person =
      (await findPersonByUsername(tx, BOOTSTRAP_USERNAME)) ??
      (await insertPerson(tx, {
        id: randomUUID(),
        username: BOOTSTRAP_USERNAME,
        displayName: "Network administrator",
        role: "administrator",
        country: null,
        status: "invited",
        createdAt: now,
        updatedAt: now,
      }));
    const code = newSecretToken(24);
    await insertEnrolmentCode(tx, {
      id: randomUUID(),
      codeHash: hashToken(code),
      kind: "bootstrap",
      personId: person.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + hub.config.enrolmentCodeTtlMs),
    });
    return code;
  });
}
