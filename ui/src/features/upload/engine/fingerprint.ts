/** What identifies "the same file" across a reload, and the type we declare for it. */

export function fingerprintOf(file: Pick<File, "name" | "size" | "lastModified">): string {
  return `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
}

const TYPES_BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  heic: "image/heic",
  heif: "image/heif",
  avif: "image/avif",
  tif: "image/tiff",
  tiff: "image/tiff",
  dng: "image/x-adobe-dng",
  mp4: "video/mp4",
  m4v: "video/x-m4v",
  mov: "video/quicktime",
  webm: "video/webm",
  mkv: "video/x-matroska",
  avi: "video/x-msvideo",
  "3gp": "video/3gpp",
};

/** The browser's type when it knows one, else a guess from the extension; the server sniffs
 * the stored bytes at finalize either way, so this only has to pass the declared-type check. */
export function contentTypeOf(file: Pick<File, "name" | "type">): string {
  if (/^(image|video)\/[\w.+-]+$/.test(file.type)) return file.type.toLowerCase();
  const extension = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
  return TYPES_BY_EXTENSION[extension] ?? "application/octet-stream";
}

/** The body of `POST /uploads/create` for a file (and its sha256 once known). */
export function createRequestOf(file: File, sha256: string | undefined) {
  return {
    filename: file.name,
    content_type: contentTypeOf(file),
    size_bytes: file.size,
    sha256: sha256 ?? null,
    file_modified_at: file.lastModified ? new Date(file.lastModified).toISOString() : null,
  };
}
