import { ServerResponse } from "node:http";

/**
 * Engine.IO middleware: an upgrade's stand-in response object keeps the HTTP request for as long
 * as the connection lives, and nothing reads it after the engine's middlewares, so it is dropped
 * (kilobytes per idle socket). A real response (a plain HTTP request) is left alone.
 */
export function forgetUpgradeRequest(_req: unknown, res: unknown, next: () => void): void {
  next();
  if (!(res instanceof ServerResponse)) (res as { req?: unknown }).req = undefined;
}
