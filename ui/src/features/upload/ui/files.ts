/** Which picked or dropped files are photos or videos, and their paths inside a folder. */
import type { FileWithPath } from "../model";

/** Extensions the server accepts (SPEC §3 sniffing), for files the browser gives no type. */
export const MEDIA_EXTENSIONS: readonly string[] = [
  "jpg", "jpeg", "jpe", "png", "gif", "webp", "heic", "heif", "hif", "avif", "tif", "tiff",
  "dng", "cr2", "cr3", "crw", "nef", "nrw", "arw", "srf", "sr2", "pef", "srw", "3fr", "erf",
  "kdc", "dcr", "mos", "iiq", "raf", "orf", "rw2",
  "mp4", "m4v", "mov", "qt", "webm", "mkv", "avi", "3gp", "3g2",
];

const EXTENSIONS = new Set(MEDIA_EXTENSIONS);

/** The picker's `accept`: the MIME families plus the extensions browsers often leave untyped. */
export const ACCEPT = ["image/*", "video/*", ...MEDIA_EXTENSIONS.map((ext) => `.${ext}`)].join(",");

function extension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** Hidden files (".DS_Store", "._IMG_1.jpg") are never media worth sending. */
function isHidden(name: string): boolean {
  return name.startsWith(".");
}

/** Whether a file looks like a photo or video by its type or extension (the server sniffs the bytes). */
export function isMediaFile(file: Pick<File, "name" | "type">): boolean {
  if (isHidden(file.name)) return false;
  const type = file.type.toLowerCase();
  if (type === "image/svg+xml") return false;
  if (type.startsWith("image/") || type.startsWith("video/")) return true;
  return EXTENSIONS.has(extension(file.name));
}

export interface MediaSelection {
  media: FileWithPath[];
  /** Files left out because they are not photos or videos. */
  ignored: number;
}

/** Splits files with their paths into media and a count of the rest. */
export function selectMedia(files: Iterable<FileWithPath>): MediaSelection {
  const media: FileWithPath[] = [];
  let ignored = 0;
  for (const entry of files) {
    if (isMediaFile(entry.file)) media.push(entry);
    else ignored += 1;
  }
  return { media, ignored };
}

/** Files of an `<input type="file">`, with `webkitRelativePath` for folder picks. */
export function fromFileList(list: FileList | readonly File[]): FileWithPath[] {
  return Array.from(list, (file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
}

/** "Holiday/Day 1" for "Holiday/Day 1/IMG_1.jpg"; "" for a file outside any folder. */
export function folderOf(relativePath: string): string {
  const slash = relativePath.lastIndexOf("/");
  return slash < 0 ? "" : relativePath.slice(0, slash);
}
