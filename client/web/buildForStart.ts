// `npm start` runs this first (package.json "prestart"): it builds the web app so that the hub
// serves the current one. Vite is a development dependency: an install without them (the Docker
// image's `npm ci --omit=dev`) skips the build, and the hub then runs without the app.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = fileURLToPath(new URL("../../node_modules/vite/bin/vite.js", import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(
    "relais: vite is not installed (production install): the web app is not rebuilt.\n",
  );
} else {
  const config = fileURLToPath(new URL("./vite.config.ts", import.meta.url));
  await promisify(execFile)(
    process.execPath,
    [cli, "build", "--config", config, "--logLevel", "warn"],
    {
      cwd: root,
    },
  );
}
