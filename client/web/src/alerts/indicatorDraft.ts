import type { AlertIndicator } from "#shared/alerts/content";
import type {
  CodeOf,
  MessagingApp,
  PaymentMethod,
  SocialMediaPlatform,
} from "#shared/alerts/vocabulary";

/** The kind of an indicator (`alertIndicatorSchema`'s discriminant). */
export type IndicatorKind = CodeOf<"indicatorKind">;

/**
 * One indicator as the composer edits it: every kind's fields as typed, so switching the kind
 * keeps what was typed; only the chosen kind's fields go into the alert.
 */
export interface IndicatorDraft {
  kind: IndicatorKind;
  /** The phone number, the plate or the account identifier. */
  value: string;
  /** Phone: the messaging app the number is used on, "" when not known. */
  app: MessagingApp | "";
  /** Vessel: name, registration and flag country. */
  name: string;
  registration: string;
  flag: string;
  /** Vehicle plate: its country. */
  country: string;
  /** Account: its payment method and provider. */
  method: PaymentMethod;
  provider: string;
  /** Online profile: its platform and handle. */
  platform: SocialMediaPlatform;
  handle: string;
  note: string;
}

/** A fresh indicator of `kind`. */
export function emptyIndicator(kind: IndicatorKind = "phone_number"): IndicatorDraft {
  return {
    kind,
    value: "",
    app: "",
    name: "",
    registration: "",
    flag: "",
    country: "",
    method: "mobile_money",
    provider: "",
    platform: "facebook",
    handle: "",
    note: "",
  };
}

const text = (value: string) => (value.trim() === "" ? undefined : value.trim());
const country = (value: string) => text(value)?.toUpperCase();

/** The indicator the draft describes, before validation; empty optional fields are left out. */
export function indicatorContent(draft: IndicatorDraft): unknown {
  const note = text(draft.note);
  switch (draft.kind) {
    case "phone_number":
      return {
        kind: draft.kind,
        value: draft.value.trim(),
        app: draft.app === "" ? undefined : draft.app,
        note,
      };
    case "vessel":
      return {
        kind: draft.kind,
        name: text(draft.name),
        registration: text(draft.registration),
        flag: country(draft.flag),
        note,
      };
    case "vehicle_plate":
      return {
        kind: draft.kind,
        value: draft.value.trim(),
        country: draft.country.trim().toUpperCase(),
        note,
      };
    case "account_identifier":
      return {
        kind: draft.kind,
        value: draft.value.trim(),
        method: draft.method,
        provider: text(draft.provider),
        note,
      };
    case "online_profile":
      return { kind: draft.kind, platform: draft.platform, handle: draft.handle.trim(), note };
  }
}

/** The draft of an indicator of an existing version. */
export function indicatorDraft(indicator: AlertIndicator): IndicatorDraft {
  const base = { ...emptyIndicator(indicator.kind), note: indicator.note ?? "" };
  switch (indicator.kind) {
    case "phone_number":
      return { ...base, value: indicator.value, app: indicator.app ?? "" };
    case "vessel":
      return {
        ...base,
        name: indicator.name ?? "",
        registration: indicator.registration ?? "",
        flag: indicator.flag ?? "",
      };
    case "vehicle_plate":
      return { ...base, value: indicator.value, country: indicator.country };
    case "account_identifier":
      return {
        ...base,
        value: indicator.value,
        method: indicator.method,
        provider: indicator.provider ?? "",
      };
    case "online_profile":
      return { ...base, platform: indicator.platform, handle: indicator.handle };
  }
}
