import { describe, expect, it } from "vitest";
import { ACCEPT, folderOf, fromFileList, isMediaFile, selectMedia } from "./files";

const file = (name: string, type = "") => new File(["x"], name, { type });

describe("isMediaFile", () => {
  it("takes photos and videos by type, and RAW and HEIC files browsers leave untyped by extension", () => {
    expect(isMediaFile(file("a.jpg", "image/jpeg"))).toBe(true);
    expect(isMediaFile(file("clip.mkv", "video/x-matroska"))).toBe(true);
    expect(isMediaFile(file("IMG_1.CR3"))).toBe(true);
    expect(isMediaFile(file("IMG_2.HEIC"))).toBe(true);
    expect(isMediaFile(file("DSC_3.nef", "application/octet-stream"))).toBe(true);
  });

  it("leaves out documents, SVG and hidden files", () => {
    expect(isMediaFile(file("notes.txt", "text/plain"))).toBe(false);
    expect(isMediaFile(file("logo.svg", "image/svg+xml"))).toBe(false);
    expect(isMediaFile(file(".DS_Store"))).toBe(false);
    expect(isMediaFile(file("._IMG_1.jpg", "image/jpeg"))).toBe(false);
    expect(isMediaFile(file("MANIFEST.tsv"))).toBe(false);
  });
});

describe("selection", () => {
  it("splits media from the rest and counts the rest", () => {
    const picked = fromFileList([file("a.jpg", "image/jpeg"), file("b.pdf", "application/pdf"), file("c.mov")]);
    const { media, ignored } = selectMedia(picked);
    expect(media.map((each) => each.relativePath)).toEqual(["a.jpg", "c.mov"]);
    expect(ignored).toBe(1);
  });

  it("keeps a folder pick's relative path", () => {
    const inFolder = file("a.jpg", "image/jpeg");
    Object.defineProperty(inFolder, "webkitRelativePath", { value: "Trip/Day 1/a.jpg" });
    expect(fromFileList([inFolder])[0].relativePath).toBe("Trip/Day 1/a.jpg");
    expect(folderOf("Trip/Day 1/a.jpg")).toBe("Trip/Day 1");
    expect(folderOf("a.jpg")).toBe("");
  });

  it("offers the untyped extensions in the picker", () => {
    expect(ACCEPT.split(",")).toEqual(expect.arrayContaining(["image/*", "video/*", ".cr3", ".heic", ".mkv"]));
  });
});
