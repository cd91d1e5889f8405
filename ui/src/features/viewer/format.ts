/** Formatting for the viewer's info panel: dates with their UTC offset, sizes, camera, place. */

/** "UTC+02:00", "UTC−05:30", "UTC+00:00" (a real minus sign). */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "\u2212" : "+";
  const abs = Math.abs(Math.round(minutes));
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `UTC${sign}${hh}:${mm}`;
}

export interface CapturedAtText {
  /** The wall-clock date and time where the photo was taken, localised. */
  dateTime: string;
  /** The UTC offset of that wall clock, or null when the file did not record one. */
  offset: string | null;
}

/**
 * The capture time as the camera's clock showed it. `capturedAt` is an instant in UTC; with
 * a known offset the wall clock is that instant shifted by the offset. Without one the server
 * keeps the camera's digits labelled as UTC ("floating" time), so they are shown as they are,
 * without an offset (the same day as the timeline's `local_date`).
 */
export function formatCapturedAt(
  capturedAt: string,
  offsetMinutes: number | null | undefined,
  locale: string,
): CapturedAtText | null {
  const instant = Date.parse(capturedAt);
  if (Number.isNaN(instant)) return null;
  const known = typeof offsetMinutes === "number" && Number.isFinite(offsetMinutes);
  const wallClock = new Date(instant + (known ? offsetMinutes * 60_000 : 0));
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(wallClock);
  return { dateTime, offset: known ? formatOffset(offsetMinutes) : null };
}

const BYTE_UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;

/** A file size in decimal units with Intl's localised unit names ("1.9 MB", "1,9 МБ"). */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: BYTE_UNITS[unit],
    unitDisplay: "short",
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

/** "3,264 × 2,448" in the locale's digits, or null when a side is unknown. */
export function formatDimensions(
  width: number | null | undefined,
  height: number | null | undefined,
  locale: string,
): string | null {
  if (!width || !height) return null;
  const number = new Intl.NumberFormat(locale);
  return `${number.format(width)} × ${number.format(height)}`;
}

/** Megapixels with one decimal ("8.0"), or null when a side is unknown. */
export function formatMegapixels(
  width: number | null | undefined,
  height: number | null | undefined,
  locale: string,
): string | null {
  if (!width || !height) return null;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 })
    .format((width * height) / 1_000_000);
}

/** "Canon DIGITAL IXUS" from make "Canon" and model "Canon DIGITAL IXUS" (no repeated make). */
export function formatCamera(
  make: string | null | undefined,
  model: string | null | undefined,
): string | null {
  const cleanMake = make?.trim() ?? "";
  const cleanModel = model?.trim() ?? "";
  if (!cleanMake && !cleanModel) return null;
  if (!cleanModel) return cleanMake;
  if (!cleanMake) return cleanModel;
  const firstWord = cleanMake.split(/\s+/)[0].toLowerCase();
  if (cleanModel.toLowerCase().startsWith(firstWord)) return cleanModel;
  return `${cleanMake} ${cleanModel}`;
}

/** Coordinates with five decimals (about a metre), in the locale's digits. */
export function formatCoordinates(lat: number, lon: number, locale: string): string {
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 5,
    maximumFractionDigits: 5,
  });
  return `${number.format(lat)}, ${number.format(lon)}`;
}

/** A link to the place on openstreetmap.org (a marker, no tiles loaded here). */
export function osmLink(lat: number, lon: number): string {
  const la = lat.toFixed(6);
  const lo = lon.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=15/${la}/${lo}`;
}

export function hasPlace(
  lat: number | null | undefined,
  lon: number | null | undefined,
): boolean {
  return (
    typeof lat === "number" &&
    typeof lon === "number" &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180
  );
}

/** "0:09", "4:02", "1:02:03". */
export function formatDuration(ms: number | null | undefined): string | null {
  if (ms == null || !(ms >= 0)) return null;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

const BROWSER_IMAGE_TYPES = new Set([
  "image/jpeg",
  "image/pjpeg",
  "image/png",
  "image/gif",
  "image/webp",
]);

/** Whether the browser can show the original itself (JPEG, PNG, GIF, WebP); HEIC etc. cannot. */
export function isBrowserImage(contentType: string | null | undefined): boolean {
  return BROWSER_IMAGE_TYPES.has((contentType ?? "").toLowerCase().split(";")[0].trim());
}
