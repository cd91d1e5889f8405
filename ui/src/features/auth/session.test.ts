import { describe, expect, it } from "vitest";
import { delayUntilRefresh } from "./session";

describe("delayUntilRefresh", () => {
  it("refreshes a minute before a normal access token expires", () => {
    const now = 1_000_000;
    expect(delayUntilRefresh(now + 900_000, now, 900_000)).toBe(840_000);
  });

  it("refreshes at 80 % of a short lifetime and at once when already late", () => {
    const now = 1_000_000;
    expect(delayUntilRefresh(now + 100_000, now, 100_000)).toBe(80_000);
    expect(delayUntilRefresh(now - 5_000, now, 900_000)).toBe(0);
  });
});
