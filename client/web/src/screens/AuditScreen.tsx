import { useEffect, useId, useMemo, useState } from "preact/hooks";
import {
  type HubLogState,
  LEAVES_PAGE_SIZE,
  LogApi,
  LogVerifier,
  parseLeaf,
  type SecurityAlert,
} from "#client/core/log/index";
import type { SignedTreeHead } from "#shared/api/log";
import { fromBase64Url } from "#shared/encoding";
import { useSession } from "../app/session.ts";
import { useAction, useLoad } from "../app/useAsync.ts";
import { Notice } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { formatDateTime, formatNumber } from "../i18n/format.ts";
import { currentLanguage, t } from "../i18n/index.ts";
import { IndexedDbHeadStore } from "../storage/idbHeadStore.ts";

/** Leaves per page of the log browser (the hub serves up to {@link LEAVES_PAGE_SIZE}). */
const PAGE = Math.min(25, LEAVES_PAGE_SIZE);

/**
 * The audit screen: the hub's current signed tree head, this browser's verification of the whole
 * log (pinned key, consistency, every leaf and the chain of trust) with its persistent alerts,
 * and a browser of the log's leaves.
 */
export function AuditScreen() {
  const { client } = useSession();
  const verifier = useMemo(
    () => LogVerifier.forClient(client, { store: new IndexedDbHeadStore() }),
    [client],
  );
  const [state, setState] = useState<HubLogState | null>(null);
  const [verified, setVerified] = useState<SignedTreeHead | null>(null);
  const [progress, setProgress] = useState<VerificationProgress | null>(null);
  const verification = useAction();

  const verify = () =>
    verification.run(async () => {
      setProgress(null);
      // A re-render per whole percent at most, however large the log.
      let shown = -1;
      const onProgress = (leaves: number, total: number) => {
        const percent = total === 0 ? 100 : Math.floor((100 * leaves) / total);
        if (percent === shown) return;
        shown = percent;
        setProgress({ verified: leaves, total });
      };
      try {
        setVerified(await verifier.syncLog({ onProgress }));
      } finally {
        setState(await verifier.state());
      }
    });

  // Verifying on arrival: the status shown is always this visit's, never a remembered one.
  useEffect(() => {
    void verify();
  }, [verifier]);

  const clear = () =>
    verification.run(async () => {
      await verifier.clearAlerts();
      setState(await verifier.state());
      setVerified(null);
    });

  const alerts = state?.alerts ?? [];
  return (
    <Page title={t("audit.title")} intro={t("audit.intro")}>
      {alerts.length > 0 ? <AlertList alerts={alerts} onClear={() => void clear()} /> : null}
      <section class="card" aria-labelledby="head-title" aria-busy={verification.busy}>
        <h2 id="head-title">{t("audit.head")}</h2>
        <div role="status" data-testid="verification-status">
          {verification.busy && progress !== null ? (
            <VerificationBar progress={progress} />
          ) : verification.busy ? (
            <p class="progress">
              <span class="spinner" aria-hidden="true" />
              {t("audit.verifying")}
            </p>
          ) : verified !== null ? (
            <p class="verified">
              {t("audit.verified", { count: formatNumber(verified.treeSize) })}
            </p>
          ) : (
            <p>{t("audit.notVerified")}</p>
          )}
        </div>
        {verification.error ? <Notice kind="error">{verification.error}</Notice> : null}
        {verified ? <HeadFacts head={verified} logKey={state?.logKey ?? null} /> : null}
        <button type="button" onClick={() => void verify()} disabled={verification.busy}>
          {t("audit.verify")}
        </button>
      </section>
      <LogBrowser treeSize={verified?.treeSize ?? null} />
    </Page>
  );
}

/** Leaves of the log verified so far, of the head's tree size. */
interface VerificationProgress {
  readonly verified: number;
  readonly total: number;
}

/** The verification's progress: a bar and the percentage of the leaves verified. */
function VerificationBar(props: { progress: VerificationProgress }) {
  const id = useId();
  const { verified, total } = props.progress;
  const percent = new Intl.NumberFormat(currentLanguage(), {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(total === 0 ? 1 : verified / total);
  return (
    <div class="verification-progress" data-testid="verification-progress">
      <label for={id}>{t("progress.verificationLabel")}</label>
      <progress id={id} max={Math.max(total, 1)} value={Math.min(verified, Math.max(total, 1))} />
      <p>
        {t("progress.verifying", {
          percent,
          verified: formatNumber(verified),
          total: formatNumber(total),
        })}
      </p>
    </div>
  );
}

function HeadFacts(props: { head: SignedTreeHead; logKey: string | null }) {
  return (
    <dl class="facts">
      <dt>{t("audit.treeSize")}</dt>
      <dd data-testid="tree-size">{formatNumber(props.head.treeSize)}</dd>
      <dt>{t("audit.rootHash")}</dt>
      <dd>
        <code dir="ltr" class="hash">
          {props.head.rootHash}
        </code>
      </dd>
      <dt>{t("audit.timestamp")}</dt>
      <dd>{formatDateTime(props.head.timestamp)}</dd>
      <dt>{t("audit.logKey")}</dt>
      <dd>
        {props.logKey ? (
          <code dir="ltr" class="hash">
            {props.logKey}
          </code>
        ) : (
          t("audit.notPinned")
        )}
      </dd>
    </dl>
  );
}

function AlertList(props: { alerts: SecurityAlert[]; onClear: () => void }) {
  return (
    <section class="card security-alert" role="alert" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t("audit.alerts")}</h2>
      <p>{t("audit.alertIntro")}</p>
      <ul>
        {props.alerts.map((alert) => (
          <li key={`${alert.kind}-${alert.detectedAt}`}>
            {t("audit.alertLine", {
              kind: alert.kind,
              date: formatDateTime(alert.detectedAt),
              message: alert.message,
            })}
          </li>
        ))}
      </ul>
      <button type="button" class="danger" onClick={props.onClear}>
        {t("audit.clearAlerts")}
      </button>
    </section>
  );
}

/** One row of the log browser. */
interface LeafRow {
  index: number;
  type: string;
  signer: string;
  at: string | null;
}

function LogBrowser(props: { treeSize: number | null }) {
  const { client } = useSession();
  const api = useMemo(() => LogApi.forClient(client), [client]);
  const [start, setStart] = useState(0);
  const total = props.treeSize;
  const end = total === null ? 0 : Math.min(start + PAGE, total);
  const page = useLoad<LeafRow[]>(async () => {
    if (total === null || end <= start) return [];
    const leaves = await api.leaves(start, end);
    return leaves.map(({ index, leaf }) => {
      const parsed = parseLeaf(fromBase64Url(leaf));
      if (!parsed.ok) return { index, type: parsed.reason, signer: "", at: null };
      const { entry, signer } = parsed.leaf;
      return { index, type: entry.type, signer, at: entry.at };
    });
  }, [api, start, end, total]);
  if (total === null) return null;
  return (
    <section class="card" aria-labelledby="browser-title">
      <h2 id="browser-title">{t("audit.browser")}</h2>
      {total === 0 ? <p>{t("audit.noLeaves")}</p> : null}
      {total > 0 ? (
        <p role="status">
          {t("audit.page", {
            from: formatNumber(start),
            to: formatNumber(end - 1),
            total: formatNumber(total),
          })}
        </p>
      ) : null}
      {page.error ? <Notice kind="error">{page.error}</Notice> : null}
      {page.data && page.data.length > 0 ? (
        <div class="table-wrap">
          <table data-testid="leaves">
            <thead>
              <tr>
                <th scope="col">{t("audit.leafIndex")}</th>
                <th scope="col">{t("audit.leafType")}</th>
                <th scope="col">{t("audit.leafSigner")}</th>
                <th scope="col">{t("audit.leafAt")}</th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((row) => (
                <tr key={row.index}>
                  <th scope="row">{formatNumber(row.index)}</th>
                  <td>
                    <code dir="ltr">{row.type}</code>
                  </td>
                  <td>
                    <code dir="ltr" class="hash">
                      {row.signer}
                    </code>
                  </td>
                  <td>{row.at ? formatDateTime(row.at) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div class="actions">
        <button
          type="button"
          disabled={start === 0}
          onClick={() => setStart(Math.max(0, start - PAGE))}
        >
          {t("audit.previous")}
        </button>
        <button type="button" disabled={end >= total} onClick={() => setStart(start + PAGE)}>
          {t("audit.nextPage")}
        </button>
      </div>
    </section>
  );
}
