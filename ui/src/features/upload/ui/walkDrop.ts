/**
 * Files and folders dropped on the page. Entries must be taken from the `DataTransfer` during
 * the drop event itself (its items are emptied afterwards); folders are then walked with
 * `createReader().readEntries()`, which answers in batches (100 in Chromium) until an empty one.
 */
import type { FileWithPath } from "../model";

/** The entries of a drop, read synchronously inside the event handler. */
export interface DroppedEntries {
  entries: FileSystemEntry[];
  /** Files offered without an entry (no `webkitGetAsEntry` support). */
  files: File[];
}

export function takeDroppedEntries(data: DataTransfer): DroppedEntries {
  const entries: FileSystemEntry[] = [];
  const files: File[] = [];
  const items = data.items ? Array.from(data.items) : [];
  if (items.length === 0) return { entries, files: Array.from(data.files ?? []) };
  for (const item of items) {
    if (item.kind !== "file") continue;
    const entry = typeof item.webkitGetAsEntry === "function" ? item.webkitGetAsEntry() : null;
    if (entry) {
      entries.push(entry);
      continue;
    }
    const file = item.getAsFile();
    if (file) files.push(file);
  }
  return { entries, files };
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function fileOf(entry: FileSystemFileEntry): Promise<File | null> {
  // A file that vanished or cannot be read is left out rather than failing the whole drop.
  return new Promise((resolve) => entry.file(resolve, () => resolve(null)));
}

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

/** Every entry of a directory: readEntries until it answers an empty batch. */
export async function readAllEntries(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    let batch: FileSystemEntry[];
    try {
      batch = await readBatch(reader);
    } catch {
      break; // an unreadable folder contributes what was read so far
    }
    if (batch.length === 0) break;
    all.push(...batch);
  }
  return all;
}

function relativePathOf(entry: FileSystemEntry): string {
  return entry.fullPath ? entry.fullPath.replace(/^\/+/, "") : entry.name;
}

const byName = (a: FileSystemEntry, b: FileSystemEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
/** Files asked for at once (each `entry.file()` is a round trip to the browser's file system). */
const FILE_BATCH = 64;

/**
 * Every file under the dropped entries: in each folder its files by name, then its subfolders;
 * hidden files and folders left out. `onProgress` hears the running count so the page can show
 * that it is reading a big folder.
 */
export async function walkEntries(
  dropped: DroppedEntries,
  onProgress?: (found: number) => void,
): Promise<FileWithPath[]> {
  const out: FileWithPath[] = dropped.files.map((file) => ({ file, relativePath: file.name }));
  const pending: FileSystemEntry[][] = [dropped.entries];
  while (pending.length > 0) {
    const level = pending.shift()!.filter((entry) => !entry.name.startsWith("."));
    const files = level.filter(isFile).sort(byName);
    for (let start = 0; start < files.length; start += FILE_BATCH) {
      const batch = files.slice(start, start + FILE_BATCH);
      const read = await Promise.all(batch.map(fileOf));
      read.forEach((file, index) => {
        if (file) out.push({ file, relativePath: relativePathOf(batch[index]) });
      });
      onProgress?.(out.length);
    }
    const folders = level.filter(isDirectory).sort(byName);
    const contents = [];
    for (const folder of folders) contents.push(await readAllEntries(folder));
    pending.unshift(...contents);
  }
  onProgress?.(out.length);
  return out;
}
