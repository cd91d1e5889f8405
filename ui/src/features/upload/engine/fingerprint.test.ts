import { describe, expect, it } from "vitest";
import { contentTypeOf, fingerprintOf } from "./fingerprint";

describe("fingerprintOf", () => {
  it("is the same for the same name, size and mtime, different otherwise", () => {
    const a = new File(["abc"], "a.jpg", { lastModified: 1000 });
    const again = new File(["xyz"], "a.jpg", { lastModified: 1000 });
    expect(fingerprintOf(a)).toBe(fingerprintOf(again));
    expect(fingerprintOf(a)).not.toBe(fingerprintOf(new File(["abc"], "a.jpg", { lastModified: 1001 })));
    expect(fingerprintOf(a)).not.toBe(fingerprintOf(new File(["abcd"], "a.jpg", { lastModified: 1000 })));
  });
});

describe("contentTypeOf", () => {
  it("keeps the browser's media type and guesses from the extension when there is none", () => {
    expect(contentTypeOf({ name: "a.jpg", type: "image/jpeg" })).toBe("image/jpeg");
    expect(contentTypeOf({ name: "IMG_1.HEIC", type: "" })).toBe("image/heic");
    expect(contentTypeOf({ name: "clip.MOV", type: "" })).toBe("video/quicktime");
    expect(contentTypeOf({ name: "notes.pdf", type: "application/pdf" })).toBe("application/octet-stream");
    expect(contentTypeOf({ name: "README", type: "" })).toBe("application/octet-stream");
  });
});
