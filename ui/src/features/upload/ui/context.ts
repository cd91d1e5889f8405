/** The upload context and the hooks pages and the panel read it through. */
import { createContext, useContext, useMemo, useSyncExternalStore, type RefObject } from "react";
import { EMPTY_TOTALS, type FileWithPath, type UploadController, type UploadSnapshot } from "../model";

/** What the signed-in app can do with uploads: the engine plus the ways files come in. */
export interface UploadUi {
  /** Null for the instant before the engine is created (the first effect). */
  controller: UploadController | null;
  /** Queue photos and videos; other files are left out and the count told in a toast. */
  addFiles(files: readonly FileWithPath[]): void;
  openFilePicker(): void;
  openFolderPicker(): void;
  /** Files found so far while a dropped folder is being read; null when not reading. */
  scanning: number | null;
  /** Handles a drop on the page (folders walked); false when the page does not take drops. */
  acceptsDrops: boolean;
  addDrop(data: DataTransfer): void;
  /** The app bar's Upload button, where focus goes back when the panel is closed. */
  uploadButton: RefObject<HTMLButtonElement | null>;
}

export const UploadContext = createContext<UploadUi | null>(null);

export const EMPTY_SNAPSHOT: UploadSnapshot = Object.freeze({
  items: [],
  totals: EMPTY_TOTALS,
  pendingResume: [],
  active: false,
});

const noSubscription = () => () => {};

/**
 * `subscribe` and a snapshot reader for `useSyncExternalStore`, bound to the controller (its
 * methods may rely on `this`) and stable while it is the same controller.
 */
export function useControllerStore<T>(
  controller: UploadController | null,
  select: (snapshot: UploadSnapshot) => T,
): [subscribe: (listener: () => void) => () => void, read: () => T] {
  return useMemo(
    () =>
      controller
        ? [(listener: () => void) => controller.subscribe(listener), () => select(controller.getSnapshot())]
        : [noSubscription, () => select(EMPTY_SNAPSHOT)],
    [controller, select],
  );
}

const whole = (snapshot: UploadSnapshot) => snapshot;

export function useUpload(): UploadUi {
  const value = useContext(UploadContext);
  if (!value) throw new Error("useUpload outside UploadProvider");
  return value;
}

/** The upload UI where the signed-in shell provides it, null elsewhere (pages rendered alone). */
export function useUploadIfAvailable(): UploadUi | null {
  return useContext(UploadContext);
}

/** The engine's current snapshot (about 4 updates a second while files move). */
export function useUploadSnapshot(): UploadSnapshot {
  const { controller } = useUpload();
  const [subscribe, read] = useControllerStore(controller, whole);
  return useSyncExternalStore(subscribe, read);
}
