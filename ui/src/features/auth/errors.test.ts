import { beforeAll, describe, expect, it } from "vitest";
import i18next, { type TFunction } from "i18next";
import { ApiError } from "../../api/http";
import { collectResources } from "../../i18n";
import { authErrorMessage } from "./errors";

const instance = i18next.createInstance();
const t = (language: string) => instance.getFixedT(language, "auth") as TFunction;

beforeAll(async () => {
  await instance.init({ resources: collectResources(), lng: "en", fallbackLng: false });
});

describe("authErrorMessage", () => {
  it("explains a rate limit with the wait in the user's language", () => {
    const limited = new ApiError(429, "rate_limited", "Too Many Requests", undefined, 42);
    expect(authErrorMessage(limited, t("en"))).toBe("Too many attempts. Try again in 42 seconds.");
    expect(authErrorMessage(limited, t("ru"))).toBe(
      "Слишком много попыток. Повторите через 42 секунды.",
    );
    const noHeader = new ApiError(429, "rate_limited", "Too Many Requests");
    expect(authErrorMessage(noHeader, t("en"))).toBe("Too many attempts. Try again in a minute.");
  });

  it("names a disabled account and wrong credentials", () => {
    const disabled = new ApiError(401, "account_disabled", "This account is disabled.");
    expect(authErrorMessage(disabled, t("ru"))).toMatch(/^Эта учётная запись отключена/);
    const wrong = new ApiError(401, "invalid_credentials", "Wrong email or password.");
    expect(authErrorMessage(wrong, t("en"))).toBe("Wrong email or password.");
  });

  it("keeps the server's message for other errors and says so when offline", () => {
    const other = new ApiError(503, "service_unavailable", "Down for maintenance.");
    expect(authErrorMessage(other, t("en"))).toBe("Down for maintenance.");
    expect(authErrorMessage(new TypeError("Failed to fetch"), t("en"))).toBe(
      "Cannot reach the server. Check your connection.",
    );
  });
});
