import { useState } from "preact/hooks";
import { formatDateTime } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import type { ChannelWarning } from "./channelModel.ts";
import type { LiveChannels } from "./liveChannels.ts";

/** Whether the live connection is up; polite, so that a screen reader hears it change. */
export function ConnectionStatus(props: { live: LiveChannels }) {
  const { live } = props;
  const state = live.starting ? "starting" : live.connected ? "online" : "offline";
  return (
    <p class={`connection connection-${state}`} role="status" data-testid="connection">
      {state === "starting"
        ? t("channels.connecting")
        : state === "online"
          ? t("channels.online")
          : t("channels.offline")}
    </p>
  );
}

/**
 * The security warnings of a channel (and the log's alerts, which concern every channel). They
 * stay until the person ticks that they have read one and then removes it: a stray click or
 * Escape never hides evidence that the hub or a sender misbehaved.
 */
export function SecurityBanner(props: { live: LiveChannels; channelId: string | null }) {
  const warnings = props.live.warnings.filter(
    (warning) =>
      warning.channelId === null ||
      props.channelId === null ||
      warning.channelId === props.channelId,
  );
  if (warnings.length === 0) return null;
  return (
    <section class="card security-alert" role="alert" aria-labelledby="security-title">
      <h2 id="security-title">{t("channels.securityTitle")}</h2>
      <p>{t("channels.securityIntro")}</p>
      <ul>
        {warnings.map((warning) => (
          <WarningItem key={warning.id} warning={warning} live={props.live} />
        ))}
      </ul>
    </section>
  );
}

function WarningItem(props: { warning: ChannelWarning; live: LiveChannels }) {
  const { warning } = props;
  const [understood, setUnderstood] = useState(false);
  const id = `warning-${warning.id.replace(/[^a-zA-Z0-9]/g, "-")}`;
  return (
    <li data-warning={warning.kind}>
      <p>
        <strong>{t(`channels.warning.${warning.kind}`)}</strong>{" "}
        {t("channels.warningDetail", { detail: warning.detail, date: formatDateTime(warning.at) })}
      </p>
      <div class="field checkbox">
        <input
          id={id}
          type="checkbox"
          checked={understood}
          onChange={(event) => setUnderstood(event.currentTarget.checked)}
        />
        <label for={id}>{t("channels.warningUnderstood")}</label>
      </div>
      <button
        type="button"
        disabled={!understood}
        onClick={() => props.live.dismissWarning(warning.id)}
      >
        {t("channels.warningDismiss")}
      </button>
    </li>
  );
}
