import { describe, expect, it } from "vitest";
import { expiresAt, linkStatus, localDateInput } from "./expiry";

const NOW = new Date(2026, 10, 30, 12, 0, 0);

describe("share expiry presets", () => {
  it("counts days from now", () => {
    expect(expiresAt("1d", NOW)).toBe(new Date(2026, 11, 1, 12, 0, 0).toISOString());
    expect(expiresAt("30d", NOW)).toBe(new Date(2026, 11, 30, 12, 0, 0).toISOString());
    expect(expiresAt("never", NOW)).toBeNull();
  });

  it("ends a chosen date at the end of that local day", () => {
    expect(expiresAt("date", NOW, "2027-01-05")).toBe(new Date(2027, 0, 5, 23, 59, 59).toISOString());
    expect(expiresAt("date", NOW, "")).toBeNull();
    expect(localDateInput(NOW, 2)).toBe("2026-12-02");
  });

  it("tells used-up links from expired ones", () => {
    expect(linkStatus({ status: "expired", max_views: 3, view_count: 3 })).toBe("usedUp");
    expect(linkStatus({ status: "expired", max_views: null, view_count: 9 })).toBe("expired");
    expect(linkStatus({ status: "revoked", max_views: 1, view_count: 1 })).toBe("revoked");
    expect(linkStatus({ status: "active", max_views: 5, view_count: 1 })).toBe("active");
  });
});
