import { describe, expect, it } from "vitest";
import type { MonthColumns } from "./api";
import { PRELOADED_THUMBNAILS, preloadThumbnails } from "./early";

describe("preloadThumbnails", () => {
  it("requests the first screen's thumbnails, skipping tiles that have none", () => {
    const requested: string[] = [];
    const original = window.Image;
    window.Image = class {
      decoding = "";
      set src(url: string) {
        requested.push(url);
      }
    } as unknown as typeof Image;
    try {
      const urls = Array.from({ length: 40 }, (_, i) => (i === 1 ? null : `/api/v1/blobs/t${i}?sig=x`));
      preloadThumbnails({ thumb_urls: urls } as unknown as MonthColumns);
      preloadThumbnails(null);
    } finally {
      window.Image = original;
    }
    expect(requested).toHaveLength(PRELOADED_THUMBNAILS - 1);
    expect(requested[0]).toBe("/api/v1/blobs/t0?sig=x");
    expect(requested).not.toContain(null);
    expect(requested.at(-1)).toBe(`/api/v1/blobs/t${PRELOADED_THUMBNAILS - 1}?sig=x`);
  });
});
