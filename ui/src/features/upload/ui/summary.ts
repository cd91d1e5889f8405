/** The words for the panel: its one-line summary, a row's state and a row's error. */
import type { TFunction } from "i18next";
import type { UploadItem, UploadSnapshot } from "../model";
import { formatCount } from "./format";

/** Error codes with a message of our own in both languages (`errors.<code>`). */
const KNOWN_ERRORS = new Set([
  "unsupported_file_type",
  "payload_too_large",
  "empty_file",
  "size_mismatch",
  "upload_not_found",
  "upload_finalized",
  "upload_incomplete",
  "network",
  "unauthorized",
  "rate_limited",
  "hash_failed",
  "unsupported_media_type",
  "storage_unavailable",
  "invalid_token",
  "validation_error",
]);

/** Codes of the server failing (5xx in the common error shape). */
const SERVER_ERRORS = new Set(["internal_error", "service_unavailable"]);

/**
 * The translated message for an error: ours for the codes we know, else the engine's own
 * message where the person reads English (the server writes English), else a general one.
 */
export function errorText(t: TFunction<"upload">, item: Pick<UploadItem, "error" | "size">, locale: string): string {
  const { error } = item;
  if (item.size === 0) return t("errors.empty_file");
  if (!error) return t("errors.unknown");
  if (KNOWN_ERRORS.has(error.code)) return t(`errors.${error.code}` as "errors.unknown");
  if (/^http_5\d\d$/.test(error.code) || SERVER_ERRORS.has(error.code)) return t("errors.server");
  return locale.startsWith("en") && error.message ? error.message : t("errors.unknown");
}

/** What a row says about its file: its state, or its error when it failed. */
export function rowStatus(t: TFunction<"upload">, item: UploadItem, locale: string): string {
  if (item.phase === "failed") return errorText(t, item, locale);
  return t(`phase.${item.phase}`);
}

/** The panel header's line: progress while active, then the outcome. */
export function summaryText(t: TFunction<"upload">, snapshot: UploadSnapshot, locale: string): string {
  const { totals } = snapshot;
  const finished = totals.done + totals.duplicates;
  /** `count` picks the plural form; `n` is the same number as the language writes it. */
  const counted = (count: number) => ({ count, n: formatCount(count, locale) });
  if (snapshot.active) {
    return t("summary.active", { ...counted(totals.total - totals.cancelled), done: formatCount(finished, locale) });
  }
  if (totals.failed > 0) return t("summary.failed", counted(totals.failed));
  if (totals.done > 0 && totals.duplicates > 0) {
    return t("summary.mixed", {
      uploaded: formatCount(totals.done, locale),
      duplicates: formatCount(totals.duplicates, locale),
    });
  }
  if (totals.done > 0) return t("summary.complete", counted(totals.done));
  if (totals.duplicates > 0) return t("summary.duplicates", counted(totals.duplicates));
  if (totals.cancelled > 0) return t("summary.cancelled");
  return t("panel.label");
}
