import { Page } from "../components/page.tsx";
import { t } from "../i18n/index.ts";

/**
 * PLACEHOLDER: the channels, alerts and MLA screens, whose APIs are being built (issue #8).
 * Each replaces its entry here; the navigation already points at them.
 */
export function ComingSoonScreen(props: { section: "channels" | "alerts" | "mla" }) {
  return (
    <Page title={t(`nav.${props.section}`)}>
      <p class="coming-soon" data-placeholder={props.section}>
        {t("app.comingSoon")}
      </p>
    </Page>
  );
}
