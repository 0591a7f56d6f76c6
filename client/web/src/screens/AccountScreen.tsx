import { useState } from "preact/hooks";
import { ClientError } from "#client/core/errors";
import type { DeviceView } from "#shared/api/identity";
import { useSession } from "../app/session.ts";
import { useAction, useLoad } from "../app/useAsync.ts";
import { Notice } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName, formatDateTime } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";

/** Who am I, this session, my devices, and the devices awaiting my approval. */
export function AccountScreen() {
  const session = useSession();
  const me = session.me;
  const devices = useLoad(() => session.client.listDevices(), [session.client]);
  const pending = useLoad(() => session.client.pendingDevices(), [session.client]);
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  if (me === null) return null;

  const approve = (device: DeviceView) =>
    action.run(async () => {
      setDone(null);
      if (session.keys === null) throw new ClientError("device_locked", "unlock the keys first");
      await session.client.approveDevice(device, session.keys);
      setDone(t("account.approved"));
      pending.reload();
      devices.reload();
    });

  const revoke = (device: DeviceView) =>
    action.run(async () => {
      setDone(null);
      if (!window.confirm(t("account.revokeConfirm", { name: device.name }))) return;
      await session.client.revokeDevice(device.id);
      setDone(t("account.revoked"));
      devices.reload();
    });

  return (
    <Page title={t("account.title")}>
      <section class="card" aria-labelledby="person-title">
        <h2 id="person-title">{t("account.person")}</h2>
        <dl class="facts">
          <dt>{t("account.displayName")}</dt>
          <dd data-testid="me-name">{me.person.displayName}</dd>
          <dt>{t("account.username")}</dt>
          <dd dir="ltr">{me.person.username}</dd>
          <dt>{t("account.role")}</dt>
          <dd>{t(`vocab.role.${me.person.role}`)}</dd>
          <dt>{t("account.country")}</dt>
          <dd>{me.person.country ? countryName(me.person.country) : t("common.none")}</dd>
          <dt>{t("account.status")}</dt>
          <dd>{t(`vocab.personStatus.${me.person.status}`)}</dd>
          <dt>{t("account.session")}</dt>
          <dd>{t("account.sessionExpires", { date: formatDateTime(me.session.expiresAt) })}</dd>
          <dt>{t("account.thisDevice")}</dt>
          <dd>
            {me.device.name} — {session.keys === null ? t("unlock.locked") : t("unlock.unlocked")}
            {session.keys !== null ? (
              <>
                {" "}
                <button type="button" class="link-button" onClick={() => session.lock()}>
                  {t("unlock.lock")}
                </button>
              </>
            ) : null}
          </dd>
        </dl>
      </section>
      {action.error ? <Notice kind="error">{action.error}</Notice> : null}
      {done ? <Notice kind="success">{done}</Notice> : null}
      <section class="card" aria-labelledby="devices-title">
        <h2 id="devices-title">{t("account.devices")}</h2>
        {devices.error ? <Notice kind="error">{devices.error}</Notice> : null}
        <DeviceTable
          devices={devices.data ?? []}
          currentId={me.device.id}
          action={{ label: t("account.revoke"), run: revoke, busy: action.busy }}
        />
      </section>
      <section class="card" aria-labelledby="pending-title">
        <h2 id="pending-title">{t("account.pending")}</h2>
        {pending.error ? <Notice kind="error">{pending.error}</Notice> : null}
        {pending.data !== null && pending.data.length === 0 ? (
          <p>{t("account.noPending")}</p>
        ) : null}
        {pending.data !== null && pending.data.length > 0 ? (
          <DeviceTable
            devices={pending.data}
            currentId={me.device.id}
            action={{ label: t("account.approve"), run: approve, busy: action.busy }}
          />
        ) : null}
      </section>
    </Page>
  );
}

function DeviceTable(props: {
  devices: DeviceView[];
  currentId: string;
  action: { label: string; run: (device: DeviceView) => Promise<void>; busy: boolean };
}) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("account.name")}</th>
            <th scope="col">{t("account.status")}</th>
            <th scope="col">{t("account.created")}</th>
            <th scope="col">{t("account.approvedAt")}</th>
            <th scope="col">{t("account.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {props.devices.map((device) => (
            <tr key={device.id}>
              <th scope="row">
                {device.name} {device.id === props.currentId ? t("account.current") : ""}
              </th>
              <td>{t(`vocab.deviceStatus.${device.status}`)}</td>
              <td>{formatDateTime(device.createdAt)}</td>
              <td>{device.approvedAt ? formatDateTime(device.approvedAt) : "—"}</td>
              <td>
                {device.id !== props.currentId && device.status !== "revoked" ? (
                  <button
                    type="button"
                    disabled={props.action.busy}
                    onClick={() => void props.action.run(device)}
                    aria-label={`${props.action.label}: ${device.name}`}
                  >
                    {props.action.label}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
