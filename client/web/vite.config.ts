import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));

/**
 * The web app's build (`npm run build:web`): external scripts and stylesheets only, because the
 * hub's Content-Security-Policy forbids inline ones. The hub serves `dist/` at `/`.
 */
export default defineConfig({
  root: webRoot,
  base: "/",
  // The app has no public/ folder; the repository root's files must not be copied.
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  worker: { format: "es" },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // libsodium's WebAssembly build is about 1 MB by itself; it is loaded once and cached.
    chunkSizeWarningLimit: 2048,
    // Never inline a module preload polyfill or small assets as data: scripts or styles.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
