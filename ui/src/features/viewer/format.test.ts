import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatCamera,
  formatCapturedAt,
  formatCoordinates,
  formatDimensions,
  formatDuration,
  formatMegapixels,
  formatOffset,
  hasPlace,
  isBrowserImage,
  osmLink,
} from "./format";

describe("capture time", () => {
  it("shows the wall clock at the recorded offset, with the offset", () => {
    // 20:47 UTC taken at UTC−05:00 is 15:47 local.
    const text = formatCapturedAt("2021-04-11T20:47:53Z", -300, "en-GB")!;
    expect(text.dateTime).toContain("11 April 2021");
    expect(text.dateTime).toContain("15:47:53");
    expect(text.offset).toBe("UTC\u221205:00");
  });
  it("crosses midnight into the local day", () => {
    const text = formatCapturedAt("2026-01-04T23:30:00Z", 180, "en-GB")!;
    expect(text.dateTime).toContain("5 January 2026");
    expect(text.dateTime).toContain("02:30:00");
    expect(text.offset).toBe("UTC+03:00");
  });
  it("keeps the camera's digits and no offset when none was recorded", () => {
    const text = formatCapturedAt("2001-06-09T15:17:32+00:00", null, "ru")!;
    expect(text.dateTime).toContain("2001");
    expect(text.dateTime).toContain("июня");
    expect(text.dateTime).toContain("15:17:32");
    expect(text.offset).toBeNull();
  });
  it("is null for an unreadable date", () => {
    expect(formatCapturedAt("not a date", 0, "en")).toBeNull();
  });
  it("formats offsets with half hours and zero", () => {
    expect(formatOffset(330)).toBe("UTC+05:30");
    expect(formatOffset(0)).toBe("UTC+00:00");
    expect(formatOffset(-570)).toBe("UTC\u221209:30");
  });
});

describe("sizes and dimensions", () => {
  it("formats bytes in decimal units, localised", () => {
    expect(formatBytes(512, "en")).toBe("512 byte");
    expect(formatBytes(1_957_448, "en")).toBe("2 MB");
    expect(formatBytes(128_037, "en")).toBe("128 kB");
    expect(formatBytes(10_769, "en")).toBe("10.8 kB");
    expect(formatBytes(1_957_448, "ru")).toMatch(/^2 МБ$/);
    expect(formatBytes(3_400_000_000, "ru")).toMatch(/^3,4\sГБ$/);
  });
  it("formats dimensions and megapixels", () => {
    expect(formatDimensions(3264, 2448, "en")).toBe("3,264 × 2,448");
    expect(formatDimensions(3264, 2448, "ru")).toMatch(/^3\s264 × 2\s448$/);
    expect(formatDimensions(null, 100, "en")).toBeNull();
    expect(formatMegapixels(3264, 2448, "en")).toBe("8.0");
    expect(formatMegapixels(3264, 2448, "ru")).toBe("8,0");
  });
  it("formats durations", () => {
    expect(formatDuration(9640)).toBe("0:10");
    expect(formatDuration(4002)).toBe("0:04");
    expect(formatDuration(3_723_000)).toBe("1:02:03");
    expect(formatDuration(null)).toBeNull();
  });
});

describe("camera and place", () => {
  it("does not repeat the make in the model", () => {
    expect(formatCamera("Canon", "Canon DIGITAL IXUS")).toBe("Canon DIGITAL IXUS");
    expect(formatCamera("NIKON", "COOLPIX P6000")).toBe("NIKON COOLPIX P6000");
    expect(formatCamera("EASTMAN KODAK COMPANY", "KODAK DC240 ZOOM DIGITAL CAMERA  ")).toBe(
      "EASTMAN KODAK COMPANY KODAK DC240 ZOOM DIGITAL CAMERA",
    );
    expect(formatCamera(null, "  ")).toBeNull();
    expect(formatCamera("Apple", null)).toBe("Apple");
  });
  it("links to OpenStreetMap with a marker", () => {
    expect(osmLink(43.467448, 11.885127)).toBe(
      "https://www.openstreetmap.org/?mlat=43.467448&mlon=11.885127#map=15/43.467448/11.885127",
    );
    expect(formatCoordinates(40.446972, -3.724753, "en")).toBe("40.44697, -3.72475");
    expect(hasPlace(40.4, -3.7)).toBe(true);
    expect(hasPlace(null, -3.7)).toBe(false);
    expect(hasPlace(95, 0)).toBe(false);
  });
  it("knows which originals the browser can show", () => {
    expect(isBrowserImage("image/jpeg")).toBe(true);
    expect(isBrowserImage("image/webp")).toBe(true);
    expect(isBrowserImage("image/heic")).toBe(false);
    expect(isBrowserImage(null)).toBe(false);
  });
});
