import { useState } from "preact/hooks";
import { type DeviceKeys, wipe } from "#client/core/crypto/index";
import { navigate } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useAction } from "../app/useAsync.ts";
import { Notice, SubmitButton, TextField } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { t } from "../i18n/index.ts";
import { unlockDeviceKeys } from "../storage/deviceKeyStore.ts";

/**
 * Login: the passphrase unlocks this browser's device keys, then password, authenticator code,
 * and the device's signature of the hub's challenge. The session is an httpOnly cookie.
 */
export function LoginScreen() {
  const session = useSession();
  const device = session.device;
  const [username, setUsername] = useState(device?.meta.username ?? "");
  const [password, setPassword] = useState("");
  const [totpCode, setTotpCode] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const action = useAction();

  if (device === null) {
    return (
      <Page title={t("login.title")}>
        <Notice kind="info">{t("login.noDevice")}</Notice>
        <p>
          <a href="#/enrol" class="button-link">
            {t("nav.enrol")}
          </a>
        </p>
      </Page>
    );
  }

  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const keys: DeviceKeys = await unlockDeviceKeys(device, passphrase);
      try {
        const result = await session.client.login({
          username: username.trim(),
          password,
          totpCode: totpCode.trim(),
          deviceId: device.meta.deviceId,
          keys,
          sessionKind: "cookie",
        });
        session.loggedIn(result, keys);
      } catch (error) {
        wipe(keys.signing.privateKey);
        wipe(keys.encryption.privateKey);
        throw error;
      }
      navigate({ name: "roster" });
    });
  };

  return (
    <Page title={t("login.title")} intro={t("login.intro")}>
      <form onSubmit={submit} class="card">
        <p class="hint">
          {t("login.device", { id: device.meta.deviceId, username: device.meta.username })}
        </p>
        <TextField
          label={t("login.username")}
          value={username}
          onInput={setUsername}
          autoComplete="username"
          required
          dir="ltr"
        />
        <TextField
          label={t("login.password")}
          type="password"
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
          required
        />
        <TextField
          label={t("login.totpCode")}
          value={totpCode}
          onInput={setTotpCode}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          dir="ltr"
        />
        <TextField
          label={t("login.passphrase")}
          type="password"
          value={passphrase}
          onInput={setPassphrase}
          required
        />
        {action.error ? <Notice kind="error">{action.error}</Notice> : null}
        <SubmitButton
          busy={action.busy}
          label={t("login.submit")}
          busyLabel={t("common.working")}
        />
      </form>
    </Page>
  );
}
