import { transportModes } from "#shared/alerts/vocabulary";
import { SelectField, TextField } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";
import { type AlertDraft, emptyWaypoint, type WaypointDraft } from "./alertDraft.ts";
import type { ProblemAt } from "./draftProblems.ts";
import { label } from "./vocabularyFields.tsx";

/**
 * The route: ordered waypoints (country, place, optional coordinates) with the transport mode
 * of each leg.
 */
export function RouteEditor(props: {
  draft: AlertDraft;
  update: (change: Partial<AlertDraft>) => void;
  problemAt: ProblemAt;
}) {
  const { draft, update, problemAt } = props;
  const setWaypoint = (index: number, change: Partial<WaypointDraft>) =>
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
                error={problemAt(`route.waypoints.${index}.country`)}
                onInput={(country) => setWaypoint(index, { country })}
              />
              <TextField
                label={t("alerts.waypointPlace", { number: index + 1 })}
                value={waypoint.place}
                error={problemAt(`route.waypoints.${index}.place`)}
                onInput={(place) => setWaypoint(index, { place })}
              />
            </div>
            <div class="inline-form top-aligned">
              <TextField
                label={t("alerts.waypointLat", { number: index + 1 })}
                hint={t("alerts.latHint")}
                value={waypoint.lat}
                dir="ltr"
                error={problemAt(`route.waypoints.${index}.coordinates.lat`)}
                onInput={(lat) => setWaypoint(index, { lat })}
              />
              <TextField
                label={t("alerts.waypointLon", { number: index + 1 })}
                hint={t("alerts.lonHint")}
                value={waypoint.lon}
                dir="ltr"
                error={problemAt(`route.waypoints.${index}.coordinates.lon`)}
                onInput={(lon) => setWaypoint(index, { lon })}
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
            waypoints: [...draft.waypoints, emptyWaypoint()],
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
