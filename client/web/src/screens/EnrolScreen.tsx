import { useEffect, useState } from "preact/hooks";
import QRCode from "qrcode";
import { wipe } from "#client/core/crypto/index";
import type { EnrolmentResult, StartedEnrolment } from "#client/core/hubClient";
import { FormError } from "../app/errors.ts";
import { href } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useAction } from "../app/useAsync.ts";
import { Notice, SubmitButton, TextField } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { formatDateTime } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { storeDeviceKeys } from "../storage/deviceKeyStore.ts";

const MIN_SECRET_LENGTH = 12;

/** Enrolment: the code, then password, device passphrase and authenticator, then the result. */
export function EnrolScreen() {
  const [started, setStarted] = useState<StartedEnrolment | null>(null);
  const [result, setResult] = useState<EnrolmentResult | null>(null);
  return (
    <Page title={t("enrol.title")} intro={t("enrol.intro")}>
      {result !== null ? (
        <EnrolmentDone result={result} />
      ) : started === null ? (
        <CodeForm onStarted={setStarted} />
      ) : (
        <DetailsForm started={started} onDone={setResult} />
      )}
    </Page>
  );
}

function CodeForm(props: { onStarted: (started: StartedEnrolment) => void }) {
  const { client } = useSession();
  const [code, setCode] = useState("");
  const action = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(async () => props.onStarted(await client.startEnrolment(code.trim())));
  };
  return (
    <form onSubmit={submit} class="card">
      <TextField label={t("enrol.code")} value={code} onInput={setCode} required dir="ltr" />
      {action.error ? <Notice kind="error">{action.error}</Notice> : null}
      <SubmitButton busy={action.busy} label={t("enrol.check")} busyLabel={t("common.working")} />
    </form>
  );
}

function TotpSetup(props: { otpauthUri: string; secret: string }) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    // Drawn here from the otpauth URI: a data: image, which the CSP's img-src allows.
    void QRCode.toDataURL(props.otpauthUri, { errorCorrectionLevel: "M", margin: 2, width: 208 })
      .then(setImage)
      .catch(() => setImage(null));
  }, [props.otpauthUri]);
  return (
    <fieldset class="totp-setup">
      <legend>{t("enrol.totpTitle")}</legend>
      <p>{t("enrol.totpIntro")}</p>
      {image ? (
        <img class="qr" src={image} alt={t("enrol.qrAlt")} width={208} height={208} />
      ) : null}
      <p>
        {t("enrol.secret")}:{" "}
        <code class="secret" dir="ltr" data-testid="totp-secret">
          {props.secret}
        </code>
      </p>
    </fieldset>
  );
}

function DetailsForm(props: {
  started: StartedEnrolment;
  onDone: (result: EnrolmentResult) => void;
}) {
  const session = useSession();
  const { started } = props;
  const choosesPassword = started.kind === "bootstrap" || started.kind === "person";
  const createsDevice = started.kind !== "totp_reset";
  const [password, setPassword] = useState("");
  const [password2, setPassword2] = useState("");
  const [deviceName, setDeviceName] = useState(t("enrol.defaultDeviceName"));
  const [passphrase, setPassphrase] = useState("");
  const [passphrase2, setPassphrase2] = useState("");
  const [totpCode, setTotpCode] = useState("");
  const action = useAction();
  const previous = session.device;

  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      if (choosesPassword && password.length < MIN_SECRET_LENGTH)
        throw new FormError("enrol.tooShort");
      if (choosesPassword && password !== password2) throw new FormError("enrol.mismatch");
      if (createsDevice && passphrase.length < MIN_SECRET_LENGTH)
        throw new FormError("enrol.tooShort");
      if (createsDevice && passphrase !== passphrase2) throw new FormError("enrol.mismatch");
      const result = await session.client.completeEnrolment({
        started,
        password,
        totpCode: totpCode.trim(),
        deviceName: deviceName.trim() || t("enrol.defaultDeviceName"),
      });
      if (result.kind !== "totp_reset") {
        try {
          const record = await storeDeviceKeys(result.keys, passphrase, {
            hubUrl: session.client.hubUrl,
            deviceId: result.deviceId,
            userId: result.person.id,
            username: result.person.username,
          });
          session.setDevice(record);
        } finally {
          wipe(result.keys.signing.privateKey);
          wipe(result.keys.encryption.privateKey);
        }
      }
      props.onDone(result);
    });
  };

  return (
    <form onSubmit={submit} class="card">
      <p>
        {t("enrol.forPerson", {
          name: started.person.displayName,
          username: started.person.username,
          role: t(`vocab.role.${started.person.role}`),
        })}
      </p>
      <p>{t("enrol.kind", { kind: t(`vocab.enrolmentKind.${started.kind}`) })}</p>
      <p>{t("enrol.expires", { date: formatDateTime(started.expiresAt) })}</p>
      {previous !== null && createsDevice ? (
        <Notice kind="info">
          {t("enrol.replaceWarning", { username: previous.meta.username })}
        </Notice>
      ) : null}
      {choosesPassword ? (
        <>
          <TextField
            label={t("enrol.password")}
            type="password"
            autoComplete="new-password"
            value={password}
            onInput={setPassword}
            required
          />
          <TextField
            label={t("enrol.confirmPassword")}
            type="password"
            autoComplete="new-password"
            value={password2}
            onInput={setPassword2}
            required
          />
        </>
      ) : (
        <TextField
          label={t("enrol.currentPassword")}
          type="password"
          autoComplete="current-password"
          value={password}
          onInput={setPassword}
          required
        />
      )}
      {createsDevice ? (
        <>
          <TextField label={t("enrol.deviceName")} value={deviceName} onInput={setDeviceName} />
          <TextField
            label={t("enrol.passphrase")}
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onInput={setPassphrase}
            hint={t("enrol.passphraseHint")}
            required
          />
          <TextField
            label={t("enrol.confirmPassphrase")}
            type="password"
            autoComplete="new-password"
            value={passphrase2}
            onInput={setPassphrase2}
            required
          />
        </>
      ) : null}
      {started.totp ? (
        <TotpSetup otpauthUri={started.totp.otpauthUri} secret={started.totp.secret} />
      ) : null}
      <TextField
        label={t("enrol.totpCode")}
        value={totpCode}
        onInput={setTotpCode}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        dir="ltr"
      />
      {action.error ? <Notice kind="error">{action.error}</Notice> : null}
      <SubmitButton busy={action.busy} label={t("enrol.submit")} busyLabel={t("enrol.sealing")} />
    </form>
  );
}

function EnrolmentDone(props: { result: EnrolmentResult }) {
  const { result } = props;
  const message =
    result.kind === "totp_reset"
      ? t("enrol.doneTotp")
      : result.device.status === "active"
        ? t("enrol.doneActive")
        : t("enrol.donePending");
  return (
    <div class="card">
      <Notice kind="success">{message}</Notice>
      {result.kind !== "totp_reset" ? (
        <p data-testid="device-id">{t("enrol.deviceId", { id: result.deviceId })}</p>
      ) : null}
      <p>
        <a href={href({ name: "login" })} class="button-link">
          {t("nav.login")}
        </a>
      </p>
    </div>
  );
}
