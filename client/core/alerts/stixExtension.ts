import type { AlertContent } from "#shared/alerts/content";

/** Drops undefined values and empty lists: STIX forbids empty lists and has no null. */
function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(
      ([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0),
    ),
  );
}

/**
 * The smuggling fields of an alert, as the properties of the Relais property extension
 * (snake_case, as STIX requires of property names). Everything coded keeps its Relais code, so
 * a receiving Relais (or a reader of docs/alerts.md) can translate it.
 */
export function smugglingExtensionProperties(content: AlertContent): Record<string, unknown> {
  const { route } = content;
  return compact({
    extension_type: "property-extension",
    network_structure: content.network.structure,
    estimated_size_min: content.network.estimatedSize?.min,
    estimated_size_max: content.network.estimatedSize?.max,
    actors: (content.actors ?? []).map((actor) =>
      compact({
        level: actor.level,
        roles: actor.roles,
        count: actor.count,
        based_in: actor.basedIn,
      }),
    ),
    route: route.waypoints.map((waypoint, index) =>
      compact({
        country: waypoint.country,
        place: waypoint.place,
        mode_to_next: route.legs[index]?.mode,
        days_to_next: route.legs[index]?.durationDays,
      }),
    ),
    transport_modes: [...new Set(route.legs.map((leg) => leg.mode))],
    services: content.services,
    fees: (content.fees ?? []).map((fee) =>
      compact({
        scope: fee.scope,
        leg: fee.scope === "leg" ? fee.leg : undefined,
        amount: fee.amount,
        currency: fee.currency,
        per_person: fee.perPerson,
      }),
    ),
    payment_methods: content.paymentMethods,
    channels: (content.channels ?? []).map((channel) =>
      compact({
        kind: channel.kind,
        purposes: channel.purposes,
        platform:
          channel.kind === "social_media"
            ? channel.platform
            : channel.kind === "messaging_app"
              ? channel.app
              : undefined,
        other_name: channel.kind === "word_of_mouth" ? undefined : channel.otherName,
      }),
    ),
    linked_crimes: content.linkedCrimes,
    indicators: (content.indicators ?? []).map(indicatorProperties),
    observed_from: content.observedPeriod.from,
    observed_to: content.observedPeriod.to,
    source_reliability: content.grading.sourceReliability,
    information_credibility: content.grading.informationCredibility,
    handling_code: content.handling,
    handling_conditions: content.handlingConditions,
    urgency: content.urgency,
  });
}

function indicatorProperties(
  indicator: NonNullable<AlertContent["indicators"]>[number],
): Record<string, unknown> {
  switch (indicator.kind) {
    case "phone_number":
      return compact({ kind: indicator.kind, value: indicator.value, app: indicator.app });
    case "vessel":
      return compact({
        kind: indicator.kind,
        name: indicator.name,
        registration: indicator.registration,
        flag: indicator.flag,
      });
    case "vehicle_plate":
      return { kind: indicator.kind, value: indicator.value, country: indicator.country };
    case "account_identifier":
      return compact({
        kind: indicator.kind,
        value: indicator.value,
        method: indicator.method,
        provider: indicator.provider,
      });
    case "online_profile":
      return { kind: indicator.kind, platform: indicator.platform, handle: indicator.handle };
  }
}
