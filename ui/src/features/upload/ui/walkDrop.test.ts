import { describe, expect, it } from "vitest";
import { readAllEntries, takeDroppedEntries, walkEntries } from "./walkDrop";

/** A fake FileSystemFileEntry. */
function fileEntry(fullPath: string): FileSystemFileEntry {
  const name = fullPath.split("/").pop()!;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (resolve: (file: File) => void) => setTimeout(() => resolve(new File(["x"], name, { type: "image/jpeg" }))),
  } as unknown as FileSystemFileEntry;
}

/** A fake FileSystemDirectoryEntry whose reader answers in batches of `batch`, like Chromium. */
function dirEntry(fullPath: string, children: FileSystemEntry[], batch = 100, reads: number[] = []) {
  const name = fullPath.split("/").pop()!;
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (resolve: (entries: FileSystemEntry[]) => void) =>
          setTimeout(() => {
            const slice = children.slice(offset, offset + batch);
            offset += slice.length;
            reads.push(slice.length);
            resolve(slice);
          }),
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe("readAllEntries", () => {
  it("reads batch after batch until an empty one", async () => {
    const children = Array.from({ length: 250 }, (_, i) => fileEntry(`/big/${i}.jpg`));
    const reads: number[] = [];
    const entries = await readAllEntries(dirEntry("/big", children, 100, reads));
    expect(entries).toHaveLength(250);
    expect(reads).toEqual([100, 100, 50, 0]);
  });
});

describe("walkEntries", () => {
  it("walks nested folders, keeps relative paths and leaves hidden files out", async () => {
    const trip = dirEntry("/Trip", [
      fileEntry("/Trip/b.jpg"),
      dirEntry("/Trip/Day 1", [fileEntry("/Trip/Day 1/c.jpg"), fileEntry("/Trip/Day 1/.DS_Store")]),
      fileEntry("/Trip/a.jpg"),
      dirEntry("/Trip/.thumbnails", [fileEntry("/Trip/.thumbnails/t.jpg")]),
    ]);
    const loose = fileEntry("/single.jpg");
    const progress: number[] = [];
    const files = await walkEntries({ entries: [trip, loose], files: [] }, (found) => progress.push(found));
    expect(files.map((each) => each.relativePath)).toEqual([
      "single.jpg",
      "Trip/a.jpg",
      "Trip/b.jpg",
      "Trip/Day 1/c.jpg",
    ]);
    expect(files[1].file.name).toBe("a.jpg");
    expect(progress.at(-1)).toBe(4);
  });

  it("reads a folder of 1,234 files in full", async () => {
    const children = Array.from({ length: 1234 }, (_, i) => fileEntry(`/many/${String(i).padStart(4, "0")}.jpg`));
    const files = await walkEntries({ entries: [dirEntry("/many", children)], files: [] });
    expect(files).toHaveLength(1234);
    expect(files[1233].relativePath).toBe("many/1233.jpg");
  });

  it("skips a file that cannot be read instead of failing the drop", async () => {
    const broken = { ...fileEntry("/x/bad.jpg"), file: (_ok: unknown, fail: (e: Error) => void) => fail(new Error("gone")) };
    const files = await walkEntries({
      entries: [dirEntry("/x", [broken as unknown as FileSystemEntry, fileEntry("/x/good.jpg")])],
      files: [],
    });
    expect(files.map((each) => each.relativePath)).toEqual(["x/good.jpg"]);
  });
});

describe("takeDroppedEntries", () => {
  it("takes entries when the browser gives them and plain files otherwise", () => {
    const folder = dirEntry("/Trip", []);
    const plain = new File(["x"], "plain.png", { type: "image/png" });
    const data = {
      items: [
        { kind: "file", webkitGetAsEntry: () => folder, getAsFile: () => null },
        { kind: "file", webkitGetAsEntry: () => null, getAsFile: () => plain },
        { kind: "string", webkitGetAsEntry: () => null, getAsFile: () => null },
      ],
      files: [plain],
    } as unknown as DataTransfer;
    expect(takeDroppedEntries(data)).toEqual({ entries: [folder], files: [plain] });
  });

  it("falls back to the file list when there are no items", () => {
    const plain = new File(["x"], "plain.png", { type: "image/png" });
    expect(takeDroppedEntries({ items: [], files: [plain] } as unknown as DataTransfer)).toEqual({
      entries: [],
      files: [plain],
    });
  });
});
