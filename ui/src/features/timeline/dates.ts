/**
 * Dates of the timeline. Days are the camera's wall-clock day ("YYYY-MM-DD", `local_dates`
 * from the API), so grouping never depends on the browser's time zone; only "Today" and
 * "Yesterday" do, through the browser's own date.
 */

export interface DayGroup {
  day: string;
  start: number;
  end: number;
}

/** Consecutive runs of the same day: [{day, start, end}] with `end` exclusive. */
export function groupByDay(localDates: ArrayLike<string>): DayGroup[] {
  const groups: DayGroup[] = [];
  for (let i = 0; i < localDates.length; i++) {
    const last = groups[groups.length - 1];
    if (last && last.day === localDates[i]) last.end = i + 1;
    else groups.push({ day: localDates[i], start: i, end: i + 1 });
  }
  return groups;
}

/** Today's date ("YYYY-MM-DD") in a time zone (the browser's when omitted). */
export function localDateKey(now: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function parseDay(day: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, (month || 1) - 1, date || 1));
}

export function addDays(day: string, delta: number): string {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / 86_400_000);
}

export interface DayLabelWords {
  today: string;
  yesterday: string;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(locale: string): Intl.DateTimeFormat {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      weekday: "short",
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    dayFormats.set(locale, format);
  }
  return format;
}

/** "Today", "Yesterday", else "Mon 5 January 2026" (en) / "пн, 5 января 2026 г." (ru). */
export function dayLabel(day: string, today: string, language: string, words: DayLabelWords): string {
  if (day === today) return words.today;
  if (day === addDays(today, -1)) return words.yesterday;
  const english = language.startsWith("en");
  const format = dayFormat(english ? "en-GB" : language);
  const date = parseDay(day);
  if (!english) return format.format(date);
  return format
    .formatToParts(date)
    .map((part) => (part.type === "literal" ? " " : part.value))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/** "January 2026" / "январь 2026 г." for "2026-01". */
export function monthLabel(month: string, language: string, style: "long" | "short" = "long"): string {
  return new Intl.DateTimeFormat(language, {
    month: style,
    year: "numeric",
    timeZone: "UTC",
  }).format(parseDay(`${month}-01`));
}

/**
 * The wall-clock day of an ISO timestamp: the date as written when it carries an offset
 * (the camera's day), else the day in the given (or the browser's) time zone.
 */
export function wallClockDay(iso: string, timeZone?: string): string {
  if (/[+-]\d\d:?\d\d$/.test(iso) && !/[+-]00:?00$/.test(iso)) return iso.slice(0, 10);
  return localDateKey(new Date(iso), timeZone);
}
