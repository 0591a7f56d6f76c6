import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * Helmet with a strict Content-Security-Policy: no inline scripts or styles, no framing,
 * no referrer. HSTS is sent only on requests that arrived over TLS (directly or, with
 * TRUST_PROXY, through a proxy that says so), because on plain HTTP it is ignored and misleading.
 */
export function securityHeaders(): RequestHandler[] {
  const base = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: "no-referrer" },
    frameguard: { action: "deny" },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });
  const hstsOverTls: RequestHandler = (req, res, next) =>
    req.secure ? hsts(req, res, next) : next();
  return [base, hstsOverTls];
}
