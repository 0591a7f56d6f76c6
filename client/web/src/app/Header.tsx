import { useId } from "preact/hooks";
import { type Language, languages } from "#shared/i18n/languages";
import { languageNames, type MessageKey, t } from "../i18n/index.ts";
import { href, type Route } from "./router.ts";
import { useSession } from "./session.ts";

const sections: ReadonlyArray<{ route: Route; label: MessageKey; later?: true }> = [
  { route: { name: "roster" }, label: "nav.roster" },
  { route: { name: "channels" }, label: "nav.channels" },
  { route: { name: "alerts" }, label: "nav.alerts" },
  { route: { name: "mla" }, label: "nav.mla" },
  { route: { name: "audit" }, label: "nav.audit" },
  { route: { name: "account" }, label: "nav.account" },
];

function isCurrent(section: Route, route: Route): boolean {
  if (section.name === "roster") {
    return ["roster", "post", "handover", "home"].includes(route.name);
  }
  if (section.name === "channels") return ["channels", "channel"].includes(route.name);
  if (section.name === "alerts")
    return ["alerts", "alert", "alertNew", "alertUpdate"].includes(route.name);
  if (section.name === "mla") return ["mla", "mlaNew", "mlaRequest"].includes(route.name);
  return section.name === route.name;
}

/** The banner: the app's name, the navigation, the language picker and the session. */
export function Header(props: {
  route: Route;
  language: Language;
  onLanguage: (language: Language) => void;
}) {
  const session = useSession();
  const languageId = useId();
  const loggedIn = session.me !== null;
  return (
    <header class="banner">
      <div class="brand">
        <span class="brand-name">{t("app.name")}</span>
        <span class="brand-tagline">{t("app.tagline")}</span>
      </div>
      <nav aria-label={t("app.mainNavigation")}>
        <ul>
          {loggedIn
            ? sections.map((section) => (
                <li key={section.label}>
                  <a
                    href={href(section.route)}
                    aria-current={isCurrent(section.route, props.route) ? "page" : undefined}
                    data-later={section.later ? "true" : undefined}
                  >
                    {t(section.label)}
                  </a>
                </li>
              ))
            : [
                <li key="login">
                  <a
                    href={href({ name: "login" })}
                    aria-current={props.route.name === "login" ? "page" : undefined}
                  >
                    {t("nav.login")}
                  </a>
                </li>,
                <li key="enrol">
                  <a
                    href={href({ name: "enrol" })}
                    aria-current={props.route.name === "enrol" ? "page" : undefined}
                  >
                    {t("nav.enrol")}
                  </a>
                </li>,
              ]}
        </ul>
      </nav>
      <div class="tools">
        <div class="language-picker">
          <label for={languageId}>{t("app.language")}</label>
          <select
            id={languageId}
            value={props.language}
            onChange={(event) => props.onLanguage(event.currentTarget.value as Language)}
          >
            {languages.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageNames[code]}
              </option>
            ))}
          </select>
        </div>
        {loggedIn ? (
          <button type="button" class="link-button" onClick={() => void session.logout()}>
            {t("nav.logout")}
          </button>
        ) : null}
      </div>
    </header>
  );
}
