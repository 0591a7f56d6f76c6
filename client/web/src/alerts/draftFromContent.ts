import type { AlertChannel, AlertContent } from "#shared/alerts/content";
import type { MessagingApp, SocialMediaPlatform } from "#shared/alerts/vocabulary";
import { type AlertDraft, emptyDraft } from "./alertDraft.ts";
import { indicatorDraft } from "./indicatorDraft.ts";

const only = (purposes: readonly string[], purpose: string) =>
  purposes.length === 1 && purposes[0] === purpose;

/** Splits channels into what the two checklists express and what they only carry along. */
function splitChannels(channels: readonly AlertChannel[]) {
  const recruitmentPlatforms: SocialMediaPlatform[] = [];
  const communicationApps: MessagingApp[] = [];
  const kept: AlertChannel[] = [];
  for (const channel of channels) {
    if (
      channel.kind === "social_media" &&
      channel.platform !== "other" &&
      only(channel.purposes, "recruitment") &&
      !recruitmentPlatforms.includes(channel.platform)
    ) {
      recruitmentPlatforms.push(channel.platform);
    } else if (
      channel.kind === "messaging_app" &&
      channel.app !== "other" &&
      only(channel.purposes, "communication") &&
      !communicationApps.includes(channel.app)
    ) {
      communicationApps.push(channel.app);
    } else {
      kept.push(channel);
    }
  }
  return { recruitmentPlatforms, communicationApps, kept };
}

/** A number as the composer shows it for editing; "" when absent. */
const typed = (value: number | undefined) => (value === undefined ? "" : String(value));

/**
 * The composer's draft of an existing version, for its update: every field the form edits is
 * filled in, and what it cannot edit is kept, so the next version differs only where the
 * issuer changed something. The addressing stays the alert's own and is not in the draft.
 */
export function draftFromContent(content: AlertContent): AlertDraft {
  const channels = splitChannels(content.channels ?? []);
  const { network, route } = content;
  return {
    ...emptyDraft(content.language),
    title: content.title,
    summary: content.summary,
    networkName: network.name ?? "",
    networkAliases: [...(network.aliases ?? [])],
    sizeMin: typed(network.estimatedSize?.min),
    sizeMax: typed(network.estimatedSize?.max),
    structure: network.structure,
    actors: (content.actors ?? []).map((actor) => ({
      level: actor.level,
      roles: [...actor.roles],
      alias: actor.alias ?? "",
      count: typed(actor.count),
      basedIn: actor.basedIn ?? "",
      description: actor.description ?? "",
    })),
    waypoints: route.waypoints.map((waypoint) => ({
      country: waypoint.country,
      place: waypoint.place,
      lat: typed(waypoint.coordinates?.lat),
      lon: typed(waypoint.coordinates?.lon),
    })),
    modes: route.legs.map((leg) => leg.mode),
    services: [...(content.services ?? [])],
    fees: (content.fees ?? []).map((fee) => ({
      scope: fee.scope,
      leg: fee.scope === "leg" ? fee.leg : 0,
      amount: String(fee.amount),
      currency: fee.currency,
      perPerson: fee.perPerson,
      note: fee.note ?? "",
    })),
    paymentMethods: [...(content.paymentMethods ?? [])],
    recruitmentPlatforms: channels.recruitmentPlatforms,
    communicationApps: channels.communicationApps,
    linkedCrimes: [...(content.linkedCrimes ?? [])],
    indicators: (content.indicators ?? []).map(indicatorDraft),
    from: content.observedPeriod.from,
    to: content.observedPeriod.to ?? "",
    reliability: content.grading.sourceReliability,
    credibility: content.grading.informationCredibility,
    handling: content.handling,
    handlingConditions: content.handlingConditions ?? "",
    tlp: content.tlp,
    urgency: content.urgency,
    kept: {
      legs: route.legs.map(({ mode: _mode, ...rest }) => rest),
      channels: channels.kept,
    },
  };
}
