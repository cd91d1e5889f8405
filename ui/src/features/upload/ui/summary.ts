/** The words for the panel: its one-line summary, a row's state and a row's error. */
import type { TFunction } from "i18next";
import type { UploadError, UploadItem, UploadSnapshot } from "../model";

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
  "storage_full",
]);

/** The translated message for an error code, or the engine's own message for a code we do not know. */
export function errorText(t: TFunction<"upload">, error: UploadError | undefined): string {
  if (!error) return t("errors.unknown");
  if (KNOWN_ERRORS.has(error.code)) return t(`errors.${error.code}` as "errors.unknown");
  if (/^http_5\d\d$/.test(error.code)) return t("errors.server");
  return error.message || t("errors.unknown");
}

/** What a row says about its file: its state, or its error when it failed. */
export function rowStatus(t: TFunction<"upload">, item: UploadItem): string {
  if (item.phase === "failed") return errorText(t, item.error);
  return t(`phase.${item.phase}`);
}

/** The panel header's line: progress while active, then the outcome. */
export function summaryText(t: TFunction<"upload">, snapshot: UploadSnapshot): string {
  const { totals } = snapshot;
  const finished = totals.done + totals.duplicates;
  if (snapshot.active) return t("summary.active", { count: totals.total - totals.cancelled, done: finished });
  if (totals.failed > 0) return t("summary.failed", { count: totals.failed });
  if (finished > 0) return t("summary.complete", { count: finished });
  if (totals.cancelled > 0) return t("summary.cancelled");
  if (snapshot.pendingResume.length > 0) return t("summary.resume", { count: snapshot.pendingResume.length });
  return t("panel.label");
}
