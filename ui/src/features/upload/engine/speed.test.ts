import { describe, expect, it } from "vitest";
import { etaSeconds, SpeedMeter } from "./speed";

describe("SpeedMeter", () => {
  it("averages over the sliding window", () => {
    const meter = new SpeedMeter(5_000);
    expect(meter.sample(0, 0)).toBe(0);
    expect(meter.sample(1_000, 1_000_000)).toBe(1_000_000);
    expect(meter.sample(2_000, 3_000_000)).toBe(1_500_000);
    // Ten seconds later at a steady 500 kB/s: the old burst has left the window.
    let bytes = 3_000_000;
    let rate = 0;
    for (let at = 3_000; at <= 12_000; at += 1_000) {
      bytes += 500_000;
      rate = meter.sample(at, bytes);
    }
    expect(rate).toBe(500_000);
  });

  it("decays to zero when nothing moves", () => {
    const meter = new SpeedMeter(2_000);
    meter.sample(0, 0);
    meter.sample(1_000, 1_000);
    for (let at = 2_000; at <= 6_000; at += 1_000) meter.sample(at, 1_000);
    expect(meter.rate()).toBe(0);
  });

  it("starts over when the byte count goes back (a retried file)", () => {
    const meter = new SpeedMeter();
    meter.sample(0, 10_000);
    expect(meter.sample(1_000, 2_000)).toBe(0);
    expect(meter.sample(2_000, 4_000)).toBe(2_000);
  });
});

describe("etaSeconds", () => {
  it("is unknown without speed, zero when nothing is left", () => {
    expect(etaSeconds(1_000, 0)).toBeNull();
    expect(etaSeconds(0, 0)).toBe(0);
    expect(etaSeconds(1_000, 300)).toBe(4);
  });
});
