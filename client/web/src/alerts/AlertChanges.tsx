import type { AlertChange } from "#shared/alerts/diff";
import { tlpLabels } from "#shared/alerts/labels";
import type { VocabularyName } from "#shared/alerts/vocabulary";
import { countryName, formatNumber, languageName } from "../i18n/format.ts";
import { type MessageKey, t } from "../i18n/index.ts";
import { coordinatesText, sizeText } from "./AlertFactLists.tsx";
import { label } from "./vocabularyFields.tsx";

/** The heading of each part of the content, by its top-level field. */
const sections: Readonly<Record<string, MessageKey>> = {
  title: "alerts.title",
  language: "alerts.writtenIn",
  summary: "alerts.summary",
  network: "alerts.networkSection",
  actors: "alerts.actors",
  route: "alerts.route",
  services: "alerts.services",
  fees: "alerts.fees",
  paymentMethods: "alerts.paymentMethods",
  channels: "alerts.channelsUsed",
  linkedCrimes: "alerts.linkedCrimes",
  indicators: "alerts.indicators",
  observedPeriod: "alerts.period",
  grading: "alerts.grading",
  handling: "alerts.handling",
  handlingConditions: "alerts.handlingConditions",
  tlp: "alerts.tlp",
  urgency: "alerts.urgency",
};

/** The vocabulary of a coded field, by the last segment of its path. */
const vocabularies: Readonly<Record<string, VocabularyName>> = {
  structure: "networkStructure",
  level: "actorLevel",
  roles: "actorRole",
  mode: "transportMode",
  services: "serviceOffered",
  scope: "feeScope",
  paymentMethods: "paymentMethod",
  method: "paymentMethod",
  purposes: "channelPurpose",
  platform: "socialMediaPlatform",
  app: "messagingApp",
  linkedCrimes: "linkedCrime",
  sourceReliability: "sourceReliability",
  informationCredibility: "informationCredibility",
  handling: "handlingCode",
  urgency: "urgency",
};
const countryFields = new Set(["country", "flag", "basedIn"]);

const isNumber = (value: unknown): value is number => typeof value === "number";

/** A pair of numbers under `first` and `second`, when `value` is one. */
function pairIn<A extends string, B extends string>(value: unknown, first: A, second: B) {
  if (typeof value !== "object" || value === null) return null;
  const pair = value as Record<string, unknown>;
  const [a, b] = [pair[first], pair[second]];
  return isNumber(a) && isNumber(b) ? ({ [first]: a, [second]: b } as Record<A | B, number>) : null;
}

/** A changed value in the reader's language: codes labelled, countries named, TLP as is. */
function shown(field: string, value: unknown): string {
  if (value === undefined || value === null) return "—";
  const size = field === "estimatedSize" ? pairIn(value, "min", "max") : null;
  if (size) return sizeText(size);
  const position = field === "coordinates" ? pairIn(value, "lat", "lon") : null;
  if (position) return coordinatesText(position);
  const vocabulary = vocabularies[field];
  const one = (item: unknown): string => {
    if (typeof item === "number") return formatNumber(item);
    if (typeof item !== "string") return JSON.stringify(item);
    if (vocabulary) return label(vocabulary, item);
    if (countryFields.has(field)) return countryName(item);
    if (field === "language") return languageName(item);
    if (field === "tlp" && item in tlpLabels) return tlpLabels[item as keyof typeof tlpLabels];
    return item;
  };
  if (Array.isArray(value) && value.every((item) => typeof item !== "object")) {
    return value.map(one).join(", ");
  }
  return one(value);
}

/** What the latest version changed from the one before, section by section. */
export function AlertChanges(props: { changes: readonly AlertChange[]; version: number }) {
  if (props.changes.length === 0) return null;
  return (
    <section class="card" aria-labelledby="changes-title" data-testid="alert-changes">
      <h2 id="changes-title">
        {t("alerts.changesOf", {
          version: formatNumber(props.version),
          previous: formatNumber(props.version - 1),
        })}
      </h2>
      <ul>
        {props.changes.map((change) => {
          const segments = change.path.split(".");
          const section = sections[segments[0] ?? ""];
          const field = segments.filter((segment) => !/^\d+$/.test(segment)).at(-1) ?? "";
          return (
            <li key={change.path}>
              <strong>{section ? t(section) : change.path}</strong> (<code>{change.path}</code>):{" "}
              {t(`alerts.change.${change.kind}`)} <bdi>{shown(field, change.before)}</bdi> →{" "}
              <bdi>{shown(field, change.after)}</bdi>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
