import { useId, useRef, useState } from "preact/hooks";
import { t } from "../i18n/index.ts";
import type { LiveChannels } from "./liveChannels.ts";

/** Writes and sends a message with files; it shows as pending until the hub has stored it. */
export function Composer(props: { live: LiveChannels; channelId: string }) {
  const textId = useId();
  const fileId = useId();
  const [text, setText] = useState("");
  const files = useRef<HTMLInputElement>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    const chosen = Array.from(files.current?.files ?? []);
    if (text.trim() === "" && chosen.length === 0) return;
    // Not awaited: the message is listed as pending at once and the form is free again.
    void props.live.send(props.channelId, text, chosen);
    setText("");
    if (files.current) files.current.value = "";
  };
  return (
    <form class="card composer" onSubmit={submit} aria-labelledby={`${textId}-title`}>
      <h2 id={`${textId}-title`}>{t("channels.write")}</h2>
      <div class="field">
        <label for={textId}>{t("channels.message")}</label>
        <textarea
          id={textId}
          rows={3}
          value={text}
          dir="auto"
          maxLength={60_000}
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={fileId}>{t("channels.attach")}</label>
        <input id={fileId} type="file" multiple ref={files} />
      </div>
      <button type="submit" class="primary">
        {t("channels.send")}
      </button>
    </form>
  );
}
