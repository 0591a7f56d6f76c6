import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import express, { type RequestHandler } from "express";

/** Where `npm run build:web` writes the browser app. */
export const defaultWebAppDir = fileURLToPath(new URL("../../client/web/dist", import.meta.url));

/** Paths that belong to the hub itself, never to the app (they keep their JSON 404s). */
const hubPaths = /^\/(?:api|socket\.io|\.well-known)(?:\/|$)|^\/(?:healthz|readyz|metrics)$/;

/**
 * Serves the built web app (`client/web/dist`) at `/`: its hashed assets with a long cache,
 * `index.html` without caching so that a new build is picked up at once. The app routes in the
 * URL fragment, so no fallback to `index.html` is needed for deep links. Without a build (the
 * directory is missing), the hub still runs and `/` answers the usual JSON 404.
 */
export function webApp(directory: string = defaultWebAppDir): RequestHandler {
  const assets = express.static(directory, {
    index: "index.html",
    redirect: false,
    dotfiles: "ignore",
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader(
        "Cache-Control",
        /[\\/]assets[\\/]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || hubPaths.test(req.path)) {
      next();
      return;
    }
    // Checked per request, so that a build made while the hub runs is served.
    if (!existsSync(directory)) {
      next();
      return;
    }
    assets(req, res, next);
  };
}
