import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, numberFormat } from "./format";

describe("formatBytes", () => {
  it("steps through binary units with a decimal only for small values", () => {
    expect(formatBytes(0, "en")).toBe("0 bytes");
    expect(formatBytes(1536, "en")).toBe("1.5 kB");
    expect(formatBytes(50 * 1024 ** 2, "en")).toBe("50 MB");
    expect(formatBytes(3.25 * 1024 ** 3, "en")).toBe("3.3 GB");
  });

  it("follows the language", () => {
    expect(formatBytes(1536, "ru")).toBe("1,5 кБ");
    expect(formatBytes(5, "ru")).toBe("5 байт");
    expect(formatCount(1234567, "ru")).toBe("1\u00a0234\u00a0567");
    expect(formatCount(1234567, "en")).toBe("1,234,567");
  });

  it("makes each formatter once per language and options", () => {
    expect(numberFormat("de", { style: "percent" })).toBe(numberFormat("de", { style: "percent" }));
    expect(numberFormat("de", { style: "percent" })).not.toBe(numberFormat("fr", { style: "percent" }));
    expect(numberFormat("de", { style: "percent" })).not.toBe(numberFormat("de"));
    expect(formatBytes(1536, "de")).toBe("1,5 kB");
    expect(formatBytes(1536, "en")).toBe("1.5 kB");
  });
});
