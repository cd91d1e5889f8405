import { describe, expect, it } from "vitest";
import { formatBytes, formatCount } from "./format";

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
});
