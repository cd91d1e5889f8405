/** Sizes, speeds and time left in the person's language, through Intl. */
import { numberFormat } from "../../settings/format";

export { formatBytes, formatCount } from "../../settings/format";

/** 95 → "2 minutes" / "2 минуты"; under a minute in seconds, over an hour in hours and minutes. */
export function formatDuration(seconds: number, locale: string): string {
  const total = Math.max(1, Math.round(seconds));
  const unit = (value: number, name: "hour" | "minute" | "second") =>
    numberFormat(locale, { style: "unit", unit: name, unitDisplay: "long" }).format(value);
  if (total < 60) return unit(total, "second");
  if (total < 3600) return unit(Math.round(total / 60), "minute");
  const hours = Math.floor(total / 3600);
  const minutes = Math.round((total % 3600) / 60);
  return minutes ? `${unit(hours, "hour")} ${unit(minutes, "minute")}` : unit(hours, "hour");
}

/** Whole percent of a part, 0 for an empty whole, never above 100. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((part / whole) * 100)));
}
