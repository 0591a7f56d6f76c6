import { render } from "preact";
import { App } from "./app/App.tsx";
import { initI18n, initialLanguage } from "./i18n/index.ts";
import "./styles.css";

await initI18n(initialLanguage());
const root = document.getElementById("app");
// The hub serves the app: its API is on the same origin.
if (root) render(<App hubUrl={window.location.origin} />, root);
