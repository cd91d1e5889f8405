import { describe, expect, it } from "vitest";
import { addDays, dayLabel, daysBetween, groupByDay, localDateKey, monthLabel, wallClockDay } from "./dates";

const words = { today: "Today", yesterday: "Yesterday" };

describe("groupByDay", () => {
  it("groups consecutive local dates", () => {
    expect(groupByDay(["2026-01-05", "2026-01-05", "2026-01-04", "2025-12-31"])).toEqual([
      { day: "2026-01-05", start: 0, end: 2 },
      { day: "2026-01-04", start: 2, end: 3 },
      { day: "2025-12-31", start: 3, end: 4 },
    ]);
    expect(groupByDay([])).toEqual([]);
  });
});

describe("localDateKey", () => {
  it("gives the calendar day of an instant in each time zone", () => {
    const instant = new Date("2026-01-05T23:30:00Z");
    expect(localDateKey(instant, "UTC")).toBe("2026-01-05");
    expect(localDateKey(instant, "Pacific/Auckland")).toBe("2026-01-06");
    expect(localDateKey(instant, "America/Los_Angeles")).toBe("2026-01-05");
    expect(localDateKey(new Date("2026-01-05T03:00:00Z"), "America/New_York")).toBe("2026-01-04");
  });
});

describe("dayLabel", () => {
  it("says Today and Yesterday relative to the browser's day", () => {
    expect(dayLabel("2026-01-05", "2026-01-05", "en", words)).toBe("Today");
    expect(dayLabel("2026-01-04", "2026-01-05", "en", words)).toBe("Yesterday");
    expect(dayLabel("2025-12-31", "2026-01-01", "en", words)).toBe("Yesterday");
  });

  it("formats other days per language", () => {
    expect(dayLabel("2026-01-05", "2026-03-01", "en", words)).toBe("Mon 5 January 2026");
    const ru = dayLabel("2026-01-05", "2026-03-01", "ru", words);
    expect(ru).toContain("5 января 2026");
    expect(ru.startsWith("пн")).toBe(true);
  });

  it("labels the same photo the same in every zone; only Today moves with the zone", () => {
    const instant = new Date("2026-01-05T23:30:00Z");
    const inAuckland = localDateKey(instant, "Pacific/Auckland");
    const inLosAngeles = localDateKey(instant, "America/Los_Angeles");
    expect(dayLabel("2026-01-06", inAuckland, "en", words)).toBe("Today");
    expect(dayLabel("2026-01-06", inLosAngeles, "en", words)).toBe("Tue 6 January 2026");
    expect(dayLabel("2026-01-05", inAuckland, "en", words)).toBe("Yesterday");
  });
});

describe("wallClockDay", () => {
  it("keeps the camera's day when the timestamp carries an offset", () => {
    expect(wallClockDay("2026-01-05T23:30:00+09:00", "UTC")).toBe("2026-01-05");
    expect(wallClockDay("2026-01-05T01:30:00-05:00", "Asia/Tokyo")).toBe("2026-01-05");
  });

  it("falls back to the viewer's zone for UTC timestamps", () => {
    expect(wallClockDay("2026-01-05T23:30:00Z", "Pacific/Auckland")).toBe("2026-01-06");
    expect(wallClockDay("2026-01-05T23:30:00+00:00", "UTC")).toBe("2026-01-05");
  });
});

describe("day arithmetic and months", () => {
  it("adds and counts days across month and year ends", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(daysBetween("2026-01-01", "2026-01-31")).toBe(30);
  });

  it("names months per language", () => {
    expect(monthLabel("2026-01", "en")).toBe("January 2026");
    expect(monthLabel("2026-01", "ru")).toContain("2026");
  });
});
