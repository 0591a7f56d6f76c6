import { transportModes } from "#shared/alerts/vocabulary";
import { SelectField, TextField } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";
import type { AlertDraft } from "./alertDraft.ts";
import { label } from "./vocabularyFields.tsx";

/** The route: ordered waypoints (country, place) with the transport mode of each leg. */
export function RouteEditor(props: {
  draft: AlertDraft;
  update: (change: Partial<AlertDraft>) => void;
}) {
  const { draft, update } = props;
  const setWaypoint = (index: number, change: Partial<AlertDraft["waypoints"][number]>) =>
    update({
      waypoints: draft.waypoints.map((waypoint, i) =>
        i === index ? { ...waypoint, ...change } : waypoint,
      ),
    });
  const setMode = (index: number, mode: string) =>
    update({
      modes: draft.modes.map((old, i) =>
        i === index ? (transportModes.find((code) => code === mode) ?? old) : old,
      ),
    });
  return (
    <fieldset class="route">
      <legend>{t("alerts.route")}</legend>
      <ol>
        {draft.waypoints.map((waypoint, index) => (
          <li key={index}>
            <div class="inline-form">
              <TextField
                label={t("alerts.waypointCountry", { number: index + 1 })}
                hint={t("alerts.countryHint")}
                value={waypoint.country}
                maxLength={2}
                onInput={(country) => setWaypoint(index, { country })}
              />
              <TextField
                label={t("alerts.waypointPlace", { number: index + 1 })}
                value={waypoint.place}
                onInput={(place) => setWaypoint(index, { place })}
              />
            </div>
            {index < draft.waypoints.length - 1 ? (
              <SelectField
                label={t("alerts.legMode", { from: index + 1, to: index + 2 })}
                value={draft.modes[index] ?? "car_or_4x4"}
                onChange={(mode) => setMode(index, mode)}
                options={transportModes.map((code) => ({
                  value: code,
                  label: label("transportMode", code),
                }))}
              />
            ) : null}
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() =>
          update({
            waypoints: [...draft.waypoints, { country: "", place: "" }],
            modes: [...draft.modes, "car_or_4x4"],
          })
        }
      >
        {t("alerts.addWaypoint")}
      </button>
      {draft.waypoints.length > 2 ? (
        <button
          type="button"
          onClick={() =>
            update({
              waypoints: draft.waypoints.slice(0, -1),
              modes: draft.modes.slice(0, -1),
              kept: { ...draft.kept, legs: draft.kept.legs.slice(0, draft.waypoints.length - 2) },
            })
          }
        >
          {t("alerts.removeWaypoint")}
        </button>
      ) : null}
    </fieldset>
  );
}
