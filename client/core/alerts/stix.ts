import type { AlertDocument } from "#shared/alerts/document";
import { labelOf } from "#shared/alerts/labels";
import type { ActorLevel } from "#shared/alerts/vocabulary";
import { smugglingExtensionProperties } from "./stixExtension.ts";
import { alertStixId } from "./stixIds.ts";
import {
  relaisIdentity,
  type StixObject,
  smugglingExtensionDefinition,
  smugglingExtensionId,
  tlp2MarkingDefinition,
  tlp2MarkingIds,
} from "./stixMarkings.ts";

export type { StixObject } from "./stixMarkings.ts";

/** A STIX 2.1 bundle. */
export interface StixBundle {
  readonly type: "bundle";
  readonly id: string;
  readonly objects: readonly StixObject[];
}

/** STIX timestamps are UTC with milliseconds. */
function stixTime(timestamp: string): string {
  return new Date(timestamp).toISOString();
}

/** The threat-actor role (STIX threat-actor-role-ov) closest to each actor level. */
const stixActorRoles: Readonly<Record<ActorLevel, string>> = {
  organiser: "director",
  intermediary: "agent",
  operational: "agent",
};

/**
 * The STIX 2.1 bundle of an alert: a report (the alert, carrying the smuggling fields in the
 * Relais property extension), a threat-actor for the network and one per kind of actor, a
 * location per waypoint, an attack-pattern per service offered and per transport mode, the
 * relationships between them, the issuer post's identity, the extension definition (and the
 * Relais identity that defines it) and the official TLP 2.0 marking definition of the alert's
 * label. Every id derives from the alert id,
 * so the same alert always gives the same bundle.
 */
export function alertToStixBundle(alert: AlertDocument): StixBundle {
  const { metadata, content } = alert;
  const id = (type: string, role: string) => alertStixId(type, metadata.alertId, role);
  const issuer: StixObject = {
    type: "identity",
    spec_version: "2.1",
    // The post, not its holder: ids must not follow a person (DESIGN.md §4).
    id: id("identity", `post/${metadata.issuerPostId}`),
    created: stixTime(metadata.createdAt),
    modified: stixTime(metadata.createdAt),
    name: `Relais post ${metadata.issuerPostId}`,
    identity_class: "organization",
  };
  const common = {
    spec_version: "2.1",
    created: stixTime(metadata.createdAt),
    modified: stixTime(metadata.updatedAt),
    created_by_ref: issuer.id,
    object_marking_refs: [tlp2MarkingIds[content.tlp]],
  };
  const sdos: StixObject[] = [];
  const relationships: StixObject[] = [];
  const relate = (source: StixObject, type: string, target: StixObject, description?: string) => {
    relationships.push({
      type: "relationship",
      id: id("relationship", `${type}/${source.id}/${target.id}`),
      ...common,
      relationship_type: type,
      source_ref: source.id,
      target_ref: target.id,
      ...(description === undefined ? {} : { description }),
    });
  };

  const { network } = content;
  const networkNames = [
    ...(network.name === undefined ? [] : [network.name]),
    ...(network.aliases ?? []),
  ];
  const observed = {
    first_seen: stixTime(`${content.observedPeriod.from}T00:00:00Z`),
    ...(content.observedPeriod.to === undefined
      ? {}
      : { last_seen: stixTime(`${content.observedPeriod.to}T23:59:59.999Z`) }),
  };
  const networkActor: StixObject = {
    type: "threat-actor",
    id: id("threat-actor", "network"),
    ...common,
    name: networkNames[0] ?? "Unnamed network",
    ...(networkNames.length > 1 ? { aliases: networkNames.slice(1) } : {}),
    threat_actor_types: ["crime-syndicate"],
    primary_motivation: "personal-gain",
    ...observed,
  };
  sdos.push(networkActor);

  for (const [index, actor] of (content.actors ?? []).entries()) {
    const roles = actor.roles.map((role) => labelOf("actorRole", role, "en")).join(", ");
    const member: StixObject = {
      type: "threat-actor",
      id: id("threat-actor", `actor/${index}`),
      ...common,
      name: `${labelOf("actorLevel", actor.level, "en")}: ${roles}`,
      ...(actor.alias === undefined ? {} : { aliases: [actor.alias] }),
      ...(actor.description === undefined ? {} : { description: actor.description }),
      threat_actor_types: ["criminal"],
      roles: [stixActorRoles[actor.level]],
      primary_motivation: "personal-gain",
    };
    sdos.push(member);
    relate(member, "related-to", networkActor, "member of the network");
  }

  const { waypoints, legs } = content.route;
  for (const [index, waypoint] of waypoints.entries()) {
    const leg = legs[index];
    const location: StixObject = {
      type: "location",
      id: id("location", `waypoint/${index}`),
      ...common,
      name: waypoint.place,
      description:
        `Waypoint ${index + 1} of ${waypoints.length}` +
        (leg === undefined ? "" : `; next leg by ${labelOf("transportMode", leg.mode, "en")}`),
      country: waypoint.country,
      ...(waypoint.coordinates === undefined
        ? {}
        : { latitude: waypoint.coordinates.lat, longitude: waypoint.coordinates.lon }),
    };
    sdos.push(location);
    relate(networkActor, "located-at", location, `route waypoint ${index + 1}`);
  }

  const patterns: StixObject[] = [
    ...(content.services ?? []).map((service) => ({
      type: "attack-pattern",
      id: id("attack-pattern", `service/${service}`),
      ...common,
      name: `Smuggling service: ${labelOf("serviceOffered", service, "en")}`,
      aliases: [service],
    })),
    ...[...new Set(legs.map((leg) => leg.mode))].map((mode) => ({
      type: "attack-pattern",
      id: id("attack-pattern", `mode/${mode}`),
      ...common,
      name: `Transport of migrants: ${labelOf("transportMode", mode, "en")}`,
      aliases: [mode],
    })),
  ];
  for (const pattern of patterns) {
    sdos.push(pattern);
    relate(networkActor, "uses", pattern);
  }

  const report: StixObject = {
    type: "report",
    id: id("report", "alert"),
    ...common,
    name: content.title,
    description: content.summary,
    lang: content.language,
    published: stixTime(metadata.updatedAt),
    report_types: ["threat-actor", "attack-pattern"],
    labels: ["migrant-smuggling", `relais-alert-version-${metadata.version}`],
    object_refs: [...sdos, ...relationships].map((object) => object.id),
    extensions: { [smugglingExtensionId]: smugglingExtensionProperties(content) },
  };

  return {
    type: "bundle",
    id: id("bundle", `bundle/version/${metadata.version}`),
    objects: [
      tlp2MarkingDefinition(content.tlp),
      relaisIdentity,
      smugglingExtensionDefinition,
      issuer,
      report,
      ...sdos,
      ...relationships,
    ],
  };
}
