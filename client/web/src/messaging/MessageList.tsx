import { useId } from "preact/hooks";
import type { AttachmentRef } from "#shared/channels/content";
import { downloadBytes } from "../app/download.ts";
import { useAction } from "../app/useAsync.ts";
import { Notice } from "../components/forms.tsx";
import { formatDateTime, formatNumber } from "../i18n/format.ts";
import { currentLanguage, t } from "../i18n/index.ts";
import type { PendingMessage, ShownMessage } from "./channelModel.ts";
import type { LiveChannels, UploadProgress } from "./liveChannels.ts";

/** The messages of a channel, oldest first, then those still waiting to go out. */
export function MessageList(props: {
  live: LiveChannels;
  channelId: string;
  messages: readonly ShownMessage[];
  /** Messages after this channel sequence number are new to the reader. */
  readBefore: number;
  nameOf: (personId: string) => string;
}) {
  const { live, channelId } = props;
  const pending = live.pending.filter((entry) => entry.channelId === channelId);
  return (
    <section class="card" aria-labelledby="messages-title">
      <h2 id="messages-title">{t("channels.messages")}</h2>
      {props.messages.length === 0 && pending.length === 0 ? <p>{t("channels.empty")}</p> : null}
      <ol class="messages" data-testid="messages" aria-live="polite">
        {props.messages.map((message) => (
          <li
            key={message.seq}
            class={message.own ? "message own" : "message"}
            data-seq={message.seq}
          >
            <p class="message-meta">
              <strong>
                {message.own ? t("channels.you") : props.nameOf(message.senderPersonId)}
              </strong>{" "}
              <time dateTime={message.storedAt}>{formatDateTime(message.storedAt)}</time>
              {message.seq > props.readBefore && !message.own ? (
                <span class="flag new">{t("channels.new")}</span>
              ) : null}
              {message.late ? <span class="flag">{t("channels.late")}</span> : null}
            </p>
            {message.otherKind === null ? (
              <p class="message-text" dir="auto">
                {message.text}
              </p>
            ) : (
              <p class="message-text">{t("channels.otherKind", { kind: message.otherKind })}</p>
            )}
            {message.attachments.map((ref) => (
              <AttachmentDownload
                key={ref.attachmentId}
                live={live}
                channelId={channelId}
                ref_={ref}
              />
            ))}
          </li>
        ))}
        {pending.map((entry) => (
          <PendingItem key={entry.localId} entry={entry} live={live} />
        ))}
      </ol>
    </section>
  );
}

function PendingItem(props: { entry: PendingMessage; live: LiveChannels }) {
  const { entry, live } = props;
  const progress = live.uploadProgress(entry.localId);
  const status =
    entry.status === "failed"
      ? null
      : entry.status === "uploading"
        ? t("channels.uploading", {
            done: formatNumber(entry.uploaded),
            total: formatNumber(entry.fileNames.length),
          })
        : live.connected
          ? t("channels.sending")
          : t("channels.pendingOffline");
  return (
    <li class="message own pending" data-testid="pending-message" aria-busy="true">
      <p class="message-meta">
        <strong>{t("channels.you")}</strong> <span class="flag">{t("channels.pending")}</span>
      </p>
      <p class="message-text" dir="auto">
        {entry.text}
      </p>
      {entry.fileNames.length > 0 ? <p class="hint">{entry.fileNames.join(", ")}</p> : null}
      {entry.status === "uploading" && progress !== undefined ? (
        <UploadBar progress={progress} />
      ) : null}
      {status !== null ? <p role="status">{status}</p> : null}
      {entry.status === "failed" ? (
        <>
          <Notice kind="error">{t("channels.sendFailed")}</Notice>
          <button type="button" onClick={() => live.discard(entry.localId)}>
            {t("channels.discard")}
          </button>
        </>
      ) : null}
    </li>
  );
}

/** A share as a percentage in the reader's language and digits ("42 %", "٤٢٪"). */
function formatPercent(share: number): string {
  return new Intl.NumberFormat(currentLanguage(), {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(share);
}

/** The bytes of a message's files uploaded so far, all files together. */
function UploadBar(props: { progress: UploadProgress }) {
  const id = useId();
  const { sent, total } = props.progress;
  return (
    <div class="upload-progress" data-testid="upload-progress">
      <label for={id}>{t("progress.uploadLabel")}</label>
      <progress id={id} max={Math.max(total, 1)} value={Math.min(sent, Math.max(total, 1))} />
      <p class="hint" data-testid="upload-percent">
        {t("progress.uploaded", {
          percent: formatPercent(total === 0 ? 1 : sent / total),
          sent: formatNumber(sent),
          total: formatNumber(total),
        })}
      </p>
    </div>
  );
}

function AttachmentDownload(props: { live: LiveChannels; channelId: string; ref_: AttachmentRef }) {
  const { ref_: ref } = props;
  const downloading = useAction();
  const download = () =>
    downloading.run(async () => {
      const bytes = await props.live.channels.downloadAttachment(props.channelId, ref);
      downloadBytes(ref.name, bytes, ref.mediaType);
    });
  return (
    <p class="attachment">
      <button
        type="button"
        onClick={() => void download()}
        disabled={downloading.busy}
        aria-busy={downloading.busy}
      >
        {downloading.busy
          ? t("channels.downloading", { name: ref.name })
          : t("channels.download", { name: ref.name, size: formatNumber(ref.size) })}
      </button>
      {downloading.error ? <Notice kind="error">{downloading.error}</Notice> : null}
    </p>
  );
}
