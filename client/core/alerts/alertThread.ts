import { type AlertChange, diffAlertContents } from "#shared/alerts/diff";
import type { AlertDocument } from "#shared/alerts/document";
import type { AlertFollowUp } from "#shared/alerts/thread";
import type { ReceivedMessage } from "../channels/channelEvents.ts";

/** A follow-up as received, with who sent it. */
export interface ReceivedFollowUp {
  readonly followUp: AlertFollowUp;
  readonly senderPersonId: string;
  readonly storedAt: string;
}

/** An alert as a reader holds it once its channel is decrypted. */
export interface AlertThread {
  readonly alertId: string;
  /** Every version received, oldest first (one per version number: the first one sent). */
  readonly versions: readonly AlertDocument[];
  /** The latest version, or null when none was readable. */
  readonly latest: AlertDocument | null;
  /** What the latest version changed from the one before (empty for version 1). */
  readonly changes: readonly AlertChange[];
  /** Follow-ups, requests for information and answers, in the order they were stored. */
  readonly followUps: readonly ReceivedFollowUp[];
}

/**
 * Threads the messages of an alert's channel: the versions of the alert and the follow-ups under
 * it. A version counts only when `fromIssuer` accepts its sender, so that a recipient cannot
 * pass a forged version off as the issuer's.
 */
export function alertThread(
  alertId: string,
  messages: readonly ReceivedMessage[],
  fromIssuer: (message: ReceivedMessage) => boolean = () => true,
): AlertThread {
  const byVersion = new Map<number, AlertDocument>();
  const followUps: ReceivedFollowUp[] = [];
  for (const message of messages) {
    const { content } = message;
    if (content.kind === "alert" && content.alertId === alertId && fromIssuer(message)) {
      if (!byVersion.has(content.version)) byVersion.set(content.version, content.document);
    } else if (
      content.kind === "alert-follow-up" &&
      content.followUp.metadata.alertId === alertId
    ) {
      followUps.push({
        followUp: content.followUp,
        senderPersonId: message.senderPersonId,
        storedAt: message.storedAt,
      });
    }
  }
  const versions = [...byVersion.entries()].sort(([a], [b]) => a - b).map(([, doc]) => doc);
  const latest = versions.at(-1) ?? null;
  const previous = versions.at(-2);
  const changes = latest && previous ? diffAlertContents(previous.content, latest.content) : [];
  return { alertId, versions, latest, changes, followUps };
}
