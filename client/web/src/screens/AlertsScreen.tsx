import { useState } from "preact/hooks";
import { type AlertFilter, filterAlerts } from "#client/core/alerts/search";
import { alertToStixBundle } from "#client/core/alerts/stix";
import type { AlertDocument } from "#shared/alerts/document";
import { tlpLabels } from "#shared/alerts/labels";
import { paymentMethods, transportModes } from "#shared/alerts/vocabulary";
import type { AlertView } from "#shared/api/alerts";
import { readShownAlert } from "../alerts/readShownAlert.ts";
import { selectionStatistics, selectionStatisticsCsv } from "../alerts/selectionStatistics.ts";
import { label } from "../alerts/vocabularyFields.tsx";
import { downloadText } from "../app/download.ts";
import { href } from "../app/router.ts";
import { useLoad } from "../app/useAsync.ts";
import { Notice, SelectField, TextField } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName, formatDateTime, formatNumber } from "../i18n/format.ts";
import { currentLanguage, t } from "../i18n/index.ts";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";

interface Listed {
  view: AlertView;
  document: AlertDocument | null;
}

const emptyFilter = {
  country: "",
  transportMode: "",
  paymentMethod: "",
  from: "",
  to: "",
  network: "",
};

function toFilter(form: typeof emptyFilter): AlertFilter {
  const mode = transportModes.find((code) => code === form.transportMode);
  const method = paymentMethods.find((code) => code === form.paymentMethod);
  const period = {
    ...(form.from ? { from: form.from } : {}),
    ...(form.to ? { to: form.to } : {}),
  };
  return {
    ...(form.country.trim() ? { country: form.country.trim().toUpperCase() } : {}),
    ...(mode ? { transportMode: mode } : {}),
    ...(method ? { paymentMethod: method } : {}),
    ...(form.from || form.to ? { period } : {}),
    ...(form.network.trim() ? { network: form.network.trim() } : {}),
  };
}

/** The alerts of my posts: search and filters, statistics with CSV, STIX export. */
export function AlertsScreen() {
  const live = useLiveChannels();
  const loaded = useLoad(async (): Promise<Listed[]> => {
    if (live === null || live.starting) return [];
    const views = await live.alerts.list();
    // Each alert is decrypted from its channel (or the one it was forwarded to me through); one
    // unreadable alert must not hide the others.
    return Promise.all(
      views.map(async (view) => ({
        view,
        document: await readShownAlert(live, view.alertId, view).then(
          (read) => read.thread.latest,
          () => null,
        ),
      })),
    );
  }, [live, live?.starting]);
  const [form, setForm] = useState(emptyFilter);
  const [filter, setFilter] = useState<AlertFilter>({});
  if (live === null) {
    return (
      <Page title={t("nav.alerts")}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  const all = loaded.data ?? [];
  const documents = filterAlerts(
    all.flatMap((item) => (item.document ? [item.document] : [])),
    filter,
  );
  const selected = new Set(documents.map((document) => document.metadata.alertId));
  const rows = all.filter(
    (item) => Object.keys(filter).length === 0 || selected.has(item.view.alertId),
  );
  const statistics = selectionStatistics(documents);
  const update = (change: Partial<typeof emptyFilter>) => setForm({ ...form, ...change });

  const exportStix = () => {
    const bundles = documents.map(alertToStixBundle);
    const bundle = {
      type: "bundle",
      id: `bundle--${globalThis.crypto.randomUUID()}`,
      objects: [
        ...new Map(bundles.flatMap((b) => b.objects).map((o) => [String(o.id), o])).values(),
      ],
    };
    downloadText("relais-alerts.stix.json", JSON.stringify(bundle, null, 2), "application/json");
  };

  return (
    <Page title={t("nav.alerts")} intro={t("alerts.intro")}>
      <p>
        <a class="button-link" href={href({ name: "alertNew" })}>
          {t("alerts.compose")}
        </a>
      </p>
      <form
        class="card filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(toFilter(form));
        }}
      >
        <h2>{t("alerts.search")}</h2>
        <div class="inline-form">
          <TextField
            label={t("alerts.filterCountry")}
            value={form.country}
            maxLength={2}
            onInput={(country) => update({ country })}
          />
          <SelectField
            label={t("alerts.filterMode")}
            value={form.transportMode}
            onChange={(transportMode) => update({ transportMode })}
            options={[
              { value: "", label: t("alerts.any") },
              ...transportModes.map((code) => ({
                value: code,
                label: label("transportMode", code),
              })),
            ]}
          />
          <SelectField
            label={t("alerts.filterPayment")}
            value={form.paymentMethod}
            onChange={(paymentMethod) => update({ paymentMethod })}
            options={[
              { value: "", label: t("alerts.any") },
              ...paymentMethods.map((code) => ({
                value: code,
                label: label("paymentMethod", code),
              })),
            ]}
          />
          <TextField
            label={t("alerts.from")}
            hint="YYYY-MM-DD"
            value={form.from}
            onInput={(from) => update({ from })}
          />
          <TextField
            label={t("alerts.to")}
            hint="YYYY-MM-DD"
            value={form.to}
            onInput={(to) => update({ to })}
          />
          <TextField
            label={t("alerts.filterNetwork")}
            value={form.network}
            onInput={(network) => update({ network })}
          />
        </div>
        <button type="submit" class="primary">
          {t("alerts.applyFilters")}
        </button>{" "}
        <button
          type="button"
          onClick={() => {
            setForm(emptyFilter);
            setFilter({});
          }}
        >
          {t("alerts.clearFilters")}
        </button>
      </form>
      {loaded.error ? <Notice kind="error">{loaded.error}</Notice> : null}
      <section class="card" aria-labelledby="alert-list-title">
        <h2 id="alert-list-title">{t("alerts.list")}</h2>
        {loaded.loading || live.starting ? (
          <p role="status" aria-busy="true">
            {t("alerts.decrypting")}
          </p>
        ) : rows.length === 0 ? (
          <p>{t("alerts.noneFound")}</p>
        ) : (
          <table data-testid="alert-list">
            <thead>
              <tr>
                <th scope="col">{t("alerts.title")}</th>
                <th scope="col">{t("alerts.tlp")}</th>
                <th scope="col">{t("alerts.urgency")}</th>
                <th scope="col">{t("alerts.route")}</th>
                <th scope="col">{t("alerts.state")}</th>
                <th scope="col">{t("alerts.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ view, document }) => (
                <tr key={view.alertId} data-alert-id={view.alertId}>
                  <td>
                    <a href={href({ name: "alert", alertId: view.alertId })}>
                      {document?.content.title ?? t("alerts.unreadable")}
                    </a>
                  </td>
                  <td>{tlpLabels[view.tlp]}</td>
                  <td>
                    {view.urgent ? (
                      <strong>{label("urgency", document?.content.urgency ?? "urgent")}</strong>
                    ) : (
                      label("urgency", "routine")
                    )}
                  </td>
                  <td>
                    {document
                      ? document.content.route.waypoints
                          .map((w) => countryName(w.country))
                          .join(" → ")
                      : "—"}
                  </td>
                  <td>{t(`alerts.status.${view.status}`)}</td>
                  <td>{formatDateTime(view.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card" aria-labelledby="stats-title">
        <h2 id="stats-title">{t("alerts.statistics")}</h2>
        <p>{t("alerts.statsCount", { count: formatNumber(statistics.alerts) })}</p>
        <StatList
          title={t("alerts.byCountry")}
          counts={statistics.byRouteCountry}
          name={countryName}
        />
        <StatList
          title={t("alerts.byMode")}
          counts={statistics.byTransportMode}
          name={(code) => label("transportMode", code)}
        />
        <StatList
          title={t("alerts.byPayment")}
          counts={statistics.byPaymentMethod}
          name={(code) => label("paymentMethod", code)}
        />
        <button
          type="button"
          onClick={() =>
            downloadText(
              "relais-alert-statistics.csv",
              selectionStatisticsCsv(statistics, currentLanguage()),
              "text/csv",
            )
          }
        >
          {t("alerts.exportCsv")}
        </button>{" "}
        <button type="button" disabled={documents.length === 0} onClick={exportStix}>
          {t("alerts.exportStix")}
        </button>
      </section>
    </Page>
  );
}

function StatList(props: {
  title: string;
  counts: Readonly<Record<string, number>>;
  name: (code: string) => string;
}) {
  const entries = Object.entries(props.counts);
  return (
    <>
      <h3>{props.title}</h3>
      {entries.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <ul>
          {entries.map(([code, count]) => (
            <li key={code}>
              {props.name(code)}: {formatNumber(count)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
