import { useState } from "preact/hooks";
import { useSession } from "../app/session.ts";
import { useAction } from "../app/useAsync.ts";
import { Notice, SubmitButton, TextField } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";
import { unlockDeviceKeys } from "../storage/deviceKeyStore.ts";

/**
 * Shown above every screen of a session that outlived the page (a reload): reading works, but
 * the keys that sign logged actions stay sealed until the passphrase is typed again.
 */
export function UnlockPanel() {
  const session = useSession();
  const [passphrase, setPassphrase] = useState("");
  const action = useAction();
  const device = session.device;
  if (device === null || session.me === null) return null;
  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      session.unlocked(await unlockDeviceKeys(device, passphrase));
      setPassphrase("");
    });
  };
  return (
    <section class="unlock card" aria-labelledby="unlock-title">
      <h2 id="unlock-title">{t("unlock.title")}</h2>
      <p>{t("unlock.intro", { username: session.me.person.username })}</p>
      <form onSubmit={submit} class="inline-form">
        <TextField
          label={t("login.passphrase")}
          type="password"
          value={passphrase}
          onInput={setPassphrase}
          required
        />
        <SubmitButton
          busy={action.busy}
          label={t("unlock.submit")}
          busyLabel={t("unlock.unlocking")}
        />
      </form>
      {action.error ? <Notice kind="error">{action.error}</Notice> : null}
    </section>
  );
}
