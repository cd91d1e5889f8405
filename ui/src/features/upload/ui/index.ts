/** The upload UI the app shell mounts (see ../model.ts for the engine contract). */
export { UploadProvider } from "./UploadProvider";
export { UploadButton } from "./UploadButton";
export { UploadPanel } from "./UploadPanel";
export { DropZone } from "./DropZone";
export { useUpload, useUploadIfAvailable, useUploadSnapshot } from "./context";
