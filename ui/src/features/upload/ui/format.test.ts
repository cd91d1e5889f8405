import { describe, expect, it } from "vitest";
import { formatDuration, percent } from "./format";

describe("formatDuration", () => {
  it("rounds to the unit that matters, in the person's language", () => {
    expect(formatDuration(12.4, "en")).toBe("12 seconds");
    expect(formatDuration(125, "en")).toBe("2 minutes");
    expect(formatDuration(3 * 3600 + 20 * 60, "en")).toBe("3 hours 20 minutes");
    expect(formatDuration(7200, "en")).toBe("2 hours");
    expect(formatDuration(0, "en")).toBe("1 second");
  });

  it("uses Russian plural forms", () => {
    expect(formatDuration(60, "ru")).toBe("1 минута");
    expect(formatDuration(180, "ru")).toBe("3 минуты");
    expect(formatDuration(300, "ru")).toBe("5 минут");
  });
});

describe("percent", () => {
  it("is whole, bounded and safe for an empty whole", () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 4)).toBe(100);
    expect(percent(1, 0)).toBe(0);
  });
});
