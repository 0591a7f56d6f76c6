import { CryptoError } from "#client/core/crypto/index";
import { ClientError, HubError } from "#client/core/errors";
import { LogVerificationError } from "#client/core/log/index";
import { type MessageKey, t } from "../i18n/index.ts";
import { en } from "../i18n/locales/en.ts";

/** A local check failed before anything was sent (a field left empty, two entries that differ). */
export class FormError extends Error {
  override readonly name = "FormError";
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

/** The code of an error the app knows how to explain, if any. */
function errorCode(error: unknown): string | null {
  if (
    error instanceof HubError ||
    error instanceof ClientError ||
    error instanceof CryptoError ||
    error instanceof LogVerificationError
  ) {
    return error.code;
  }
  if (error instanceof Error && "code" in error && typeof error.code === "string") {
    return error.code;
  }
  return null;
}

/** A translated sentence for any error the app may meet; never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof FormError) return t(error.key);
  const code = errorCode(error);
  if (code !== null && code in en.errors) return t(`errors.${code}` as MessageKey);
  const message = error instanceof Error ? error.message : String(error);
  return t("errors.generic", { message });
}
