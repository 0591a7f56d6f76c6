import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, internalErrorBody } from "../errors";
import { safeError } from "../logger";

/** Errors thrown by body-parser carry a `type`; these are the client's fault. */
const bodyParserErrors: Record<string, AppError> = {
  "entity.parse.failed": new AppError("malformed_json", "The request body is not valid JSON."),
  "entity.too.large": new AppError("payload_too_large", "The request body is too large."),
  "encoding.unsupported": new AppError("unsupported_media_type", "Unsupported content encoding."),
  "charset.unsupported": new AppError("unsupported_media_type", "Unsupported charset."),
  "request.aborted": new AppError("validation_failed", "The request was aborted."),
};

/** Maps a thrown value to the AppError the client sees, or undefined for an internal error. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (typeof error === "object" && error !== null && "type" in error) {
    const known = bodyParserErrors[String((error as { type: unknown }).type)];
    if (known) return known;
  }
  return undefined;
}

/** Unknown routes are JSON 404s, never Express's HTML page. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new AppError("not_found", "No such route."));
};

/** The one place where HTTP errors become `{ code, message }`. */
export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = toAppError(error);
  if (!appError) {
    req.log.error({ error: safeError(error) }, "internal error");
    res.status(500).json(internalErrorBody);
    return;
  }
  if (appError.headers) res.set(appError.headers);
  res.status(appError.status).json(appError.toBody());
};
