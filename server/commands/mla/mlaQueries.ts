import type { MlaReminderView, MlaRequestDetail, MlaRequestView } from "#shared/api/mla";
import { deadlineSchedule } from "#shared/mla/deadlines";
import type { HubContext } from "../../context";
import type { AuthenticatedActor } from "../../policies/actor";
import { coordinatedCountries } from "../../policies/mla";
import { heldPosts } from "../../store/channels";
import { listMlaTransitions, mlaRequestsOf, noticesWithRequests } from "../../store/mla";
import { loadReadableMlaRequest, presentMlaRequest, presentTransition } from "./mlaRecords";

/** "Where is my request": its metadata and every transition, with their log positions. */
export async function mlaRequestDetail(
  hub: HubContext,
  actor: AuthenticatedActor,
  requestId: string,
): Promise<MlaRequestDetail> {
  const db = hub.database.db;
  const { row } = await loadReadableMlaRequest(db, actor, requestId);
  const history = (await listMlaTransitions(db, requestId)).map(presentTransition);
  return { request: presentMlaRequest(row, hub.now()), history };
}

/** The requests of the posts I hold (either side) and, for a coordinator, of my country. */
export async function listMlaRequests(
  hub: HubContext,
  actor: AuthenticatedActor,
): Promise<MlaRequestView[]> {
  const db = hub.database.db;
  const rows = await mlaRequestsOf(db, {
    postIds: await heldPosts(db, actor.personId),
    countries: coordinatedCountries(actor),
  });
  const now = hub.now();
  return rows.map((row) => presentMlaRequest(row, now));
}

/**
 * The deadline notices addressed to me: reminders to a requested post I hold, escalations to
 * the requesting post I hold and, for a national coordinator, escalations of the requests to
 * their country.
 */
export async function listMlaReminders(
  hub: HubContext,
  actor: AuthenticatedActor,
): Promise<MlaReminderView[]> {
  const db = hub.database.db;
  const held = await heldPosts(db, actor.personId);
  const countries = coordinatedCountries(actor);
  const rows = await noticesWithRequests(db, { postIds: held, countries });
  return rows
    .filter(({ notice, request }) => {
      const recipients =
        deadlineSchedule.find((entry) => entry.kind === notice.kind)?.recipients ?? [];
      return (
        (recipients.includes("requested_post") && held.includes(request.requestedPostId)) ||
        (recipients.includes("requesting_post") && held.includes(request.requestingPostId)) ||
        (recipients.includes("requested_country_coordinator") &&
          countries.includes(request.requestedCountry))
      );
    })
    .flatMap(({ notice, request }) =>
      request.deadline === null
        ? []
        : [
            {
              requestId: request.id,
              kind: notice.kind,
              deadline: request.deadline,
              requestingPostId: request.requestingPostId,
              requestedPostId: request.requestedPostId,
              requestedCountry: request.requestedCountry,
              dueAt: notice.dueAt.toISOString(),
              sentAt: notice.sentAt.toISOString(),
            },
          ],
    );
}
