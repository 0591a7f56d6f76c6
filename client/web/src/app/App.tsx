import { useEffect, useMemo, useState } from "preact/hooks";
import { type DeviceKeys, wipe } from "#client/core/crypto/index";
import { HubError } from "#client/core/errors";
import { HubClient, type Me } from "#client/core/hubClient";
import type { Language } from "#shared/i18n/languages";
import { Notice } from "../components/forms.tsx";
import { changeLanguage, currentLanguage, t } from "../i18n/index.ts";
import { LiveChannels } from "../messaging/liveChannels.ts";
import { LiveChannelsContext } from "../messaging/useLiveChannels.ts";
import { AccountScreen } from "../screens/AccountScreen.tsx";
import { AlertComposeScreen } from "../screens/AlertComposeScreen.tsx";
import { AlertScreen } from "../screens/AlertScreen.tsx";
import { AlertsScreen } from "../screens/AlertsScreen.tsx";
import { AuditScreen } from "../screens/AuditScreen.tsx";
import { ChannelScreen } from "../screens/ChannelScreen.tsx";
import { ChannelsScreen } from "../screens/ChannelsScreen.tsx";
import { EnrolScreen } from "../screens/EnrolScreen.tsx";
import { HandoverScreen } from "../screens/HandoverScreen.tsx";
import { LoginScreen } from "../screens/LoginScreen.tsx";
import { MlaComposeScreen } from "../screens/MlaComposeScreen.tsx";
import { MlaListScreen } from "../screens/MlaListScreen.tsx";
import { MlaRequestScreen } from "../screens/MlaRequestScreen.tsx";
import { PostScreen } from "../screens/PostScreen.tsx";
import { RosterScreen } from "../screens/RosterScreen.tsx";
import { UnlockPanel } from "../screens/UnlockPanel.tsx";
import type { DeviceKeyRecord } from "../storage/deviceKeyRecord.ts";
import { loadDeviceRecord } from "../storage/deviceKeyStore.ts";
import { describeError } from "./errors.ts";
import { Header } from "./Header.tsx";
import { type Route, useRoute } from "./router.ts";
import { type Session, SessionContext } from "./session.ts";

function wipeKeys(keys: DeviceKeys | null): void {
  if (keys === null) return;
  wipe(keys.signing.privateKey);
  wipe(keys.encryption.privateKey);
}

/** Who the hub says is logged in by the cookie, or null when nobody is. */
async function currentPerson(client: HubClient): Promise<Me | null> {
  try {
    return await client.me();
  } catch (error) {
    if (error instanceof HubError && error.status === 401) return null;
    throw error;
  }
}

/** The whole app: the session, the header and navigation, and the screen of the route. */
export function App(props: { hubUrl: string }) {
  const client = useMemo(() => new HubClient({ hubUrl: props.hubUrl }), [props.hubUrl]);
  const [device, setDevice] = useState<DeviceKeyRecord | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [keys, setKeys] = useState<DeviceKeys | null>(null);
  const [started, setStarted] = useState(false);
  /** Why the browser's storage could not be read at start-up (e.g. another tab blocks it). */
  const [storageProblem, setStorageProblem] = useState<unknown>(null);
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const route = useRoute();
  const [live, setLive] = useState<LiveChannels | null>(null);
  const deviceId = me?.device.id ?? null;

  // Channels need the unlocked keys (to sign, unwrap and decrypt): one live connection while
  // they are, closed when they are locked or the person logs out.
  useEffect(() => {
    if (deviceId === null || keys === null) return;
    const opened = new LiveChannels(client, deviceId, keys);
    setLive(opened);
    return () => {
      opened.close();
      setLive(null);
    };
  }, [client, deviceId, keys]);

  useEffect(() => {
    void (async () => {
      setDevice(
        await loadDeviceRecord(client.hubUrl).catch((error: unknown) => {
          setStorageProblem(error);
          return null;
        }),
      );
      setMe(await currentPerson(client).catch(() => null));
      setStarted(true);
    })();
  }, [client]);

  const session: Session = {
    client,
    device,
    me,
    keys,
    setDevice,
    loggedIn: (who, unlockedKeys) => {
      setMe(who);
      setKeys(unlockedKeys);
    },
    unlocked: (unlockedKeys) => {
      if (me) client.useDevice(me.device.id, unlockedKeys);
      setKeys(unlockedKeys);
    },
    lock: () => {
      wipeKeys(keys);
      setKeys(null);
    },
    logout: async () => {
      try {
        await client.logout();
      } finally {
        wipeKeys(keys);
        setKeys(null);
        setMe(null);
        window.location.hash = "#/login";
      }
    },
    refreshMe: async () => setMe(await currentPerson(client)),
  };

  const onLanguage = async (next: Language) => {
    await changeLanguage(next);
    setLanguage(next);
  };

  return (
    <SessionContext.Provider value={session}>
      <LiveChannelsContext.Provider value={live}>
        <a class="skip-link" href="#main">
          {t("app.skipToContent")}
        </a>
        <Header route={route} language={language} onLanguage={onLanguage} />
        <main id="main" tabIndex={-1}>
          {storageProblem !== null ? (
            <Notice kind="error">{describeError(storageProblem)}</Notice>
          ) : null}
          {started ? <Screen route={route} session={session} /> : <p>{t("app.loading")}</p>}
        </main>
      </LiveChannelsContext.Provider>
    </SessionContext.Provider>
  );
}

/** The screen of a route; screens that need a session send to the login first. */
function Screen(props: { route: Route; session: Session }) {
  const { route, session } = props;
  if (route.name === "enrol") return <EnrolScreen />;
  if (session.me === null) {
    if (route.name === "login" || session.device !== null) return <LoginScreen />;
    return <EnrolScreen />;
  }
  const unlock = session.keys === null && session.device !== null ? <UnlockPanel /> : null;
  const screen = (() => {
    switch (route.name) {
      case "account":
        return <AccountScreen />;
      case "post":
        return <PostScreen postId={route.postId} />;
      case "handover":
        return <HandoverScreen postId={route.postId} />;
      case "audit":
        return <AuditScreen />;
      case "channels":
        return <ChannelsScreen />;
      case "channel":
        return <ChannelScreen channelId={route.channelId} />;
      case "alerts":
        return <AlertsScreen />;
      case "alertNew":
        return <AlertComposeScreen key="new" />;
      case "alertUpdate":
        return <AlertComposeScreen key={route.alertId} alertId={route.alertId} />;
      case "alert":
        return <AlertScreen alertId={route.alertId} />;
      case "mla":
        return <MlaListScreen />;
      case "mlaNew":
        return <MlaComposeScreen />;
      case "mlaRequest":
        return <MlaRequestScreen requestId={route.requestId} />;
      default:
        return <RosterScreen />;
    }
  })();
  return (
    <>
      {unlock}
      {screen}
    </>
  );
}
