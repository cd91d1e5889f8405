/** Sign-in and sign-up failures as sentences in the user's language. */
import type { TFunction } from "i18next";
import { ApiError } from "../../api/http";

const BY_CODE: Record<string, string> = {
  invalid_credentials: "errors.invalidCredentials",
  account_disabled: "errors.accountDisabled",
  email_taken: "errors.emailTaken",
  weak_password: "errors.weakPassword",
  registration_closed: "errors.registrationClosed",
};

/** `t` is the "auth" namespace's; unknown API errors keep the server's own message. */
export function authErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return error.retryAfter
        ? t("errors.rateLimited", { count: error.retryAfter })
        : t("errors.rateLimitedLater");
    }
    const key = BY_CODE[error.code];
    if (key) return t(key);
    if (error.code === "validation_error") return t("errors.invalidForm");
    return error.message;
  }
  if (error instanceof TypeError) return t("common:errors.network");
  return t("common:errors.generic");
}
