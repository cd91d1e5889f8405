/**
 * One upload engine per signed-in app, kept for the whole session so uploads survive route
 * changes; the hidden file and folder inputs every "Upload" button opens; drops; the
 * `beforeunload` warning while files are moving; timeline refreshes as files finalize.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useToast } from "../../../components/toasts";
import { desktopHandlesDrops } from "../../desktop/bridge";
import { createUploadController } from "../engine";
import type { FileWithPath, UploadController } from "../model";
import { UploadContext, type UploadUi } from "./context";
import { ACCEPT, fromFileList, selectMedia } from "./files";
import { formatCount } from "./format";
import { takeDroppedEntries, walkEntries } from "./walkDrop";
import { useTimelineRefresh } from "./useTimelineRefresh";
import { useLeaveWarning } from "./useLeaveWarning";

export interface UploadProviderProps {
  children: ReactNode;
  /** The engine factory (tests pass a fake). */
  createController?: () => UploadController;
}

/**
 * The engine opens IndexedDB and starts workers, so it is made in an effect (once per mount,
 * disposed with it; StrictMode's second mount gets a fresh one), never during a render.
 */
function useController(create: () => UploadController): UploadController | null {
  const [controller, setController] = useState<UploadController | null>(null);
  useEffect(() => {
    let created: UploadController;
    try {
      created = create();
    } catch (error) {
      // An engine that cannot start (no IndexedDB, no workers) must not take the app down.
      console.error("The upload engine did not start.", error);
      return;
    }
    // eslint-disable-next-line react-hooks/set-state-in-effect -- publishing the engine made above
    setController(created);
    return () => created.dispose();
  }, [create]);
  return controller;
}

export function UploadProvider({ children, createController = createUploadController }: UploadProviderProps) {
  const { t, i18n } = useTranslation("upload");
  const toast = useToast();
  // The first factory is kept: a parent re-rendering with a new function must not restart uploads.
  const [create] = useState(() => createController);
  const controller = useController(create);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const uploadButton = useRef<HTMLButtonElement>(null);
  const [scanning, setScanning] = useState<number | null>(null);

  const addFiles = useCallback(
    (files: readonly FileWithPath[]) => {
      if (!controller) return toast.show(t("unavailable"), { severity: "error" });
      const { media, ignored } = selectMedia(files);
      if (media.length > 0) controller.addFiles(media);
      if (ignored > 0) toast.show(t("ignored", { count: ignored, n: formatCount(ignored, i18n.resolvedLanguage ?? "en") }), {
          severity: "info",
        });
    },
    [controller, toast, t, i18n],
  );

  const addDrop = useCallback(
    (data: DataTransfer) => {
      const dropped = takeDroppedEntries(data);
      const folders = dropped.entries.some((entry) => entry.isDirectory);
      if (folders) setScanning(0);
      walkEntries(dropped, folders ? setScanning : undefined)
        .then(addFiles)
        .catch((error: unknown) => toast.error(error, t("readFailed")))
        .finally(() => folders && setScanning(null));
    },
    [addFiles, toast, t],
  );

  useTimelineRefresh(controller);
  useLeaveWarning(controller);

  const value = useMemo<UploadUi>(
    () => ({
      controller,
      addFiles,
      addDrop,
      scanning,
      acceptsDrops: !desktopHandlesDrops(),
      openFilePicker: () => fileInput.current?.click(),
      openFolderPicker: () => folderInput.current?.click(),
      uploadButton,
    }),
    [controller, addFiles, addDrop, scanning],
  );

  const onPicked = (event: React.ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    if (input.files && input.files.length > 0) addFiles(fromFileList(input.files));
    // Cleared so that picking the same files again (to resume them) fires a change.
    input.value = "";
  };

  return (
    <UploadContext.Provider value={value}>
      {children}
      <input
        ref={fileInput}
        type="file"
        multiple
        accept={ACCEPT}
        data-testid="upload-input"
        aria-label={t("pickFiles")}
        tabIndex={-1}
        hidden
        onChange={onPicked}
      />
      <input
        ref={(node) => {
          folderInput.current = node;
          node?.setAttribute("webkitdirectory", "");
        }}
        type="file"
        multiple
        data-testid="upload-folder-input"
        aria-label={t("pickFolder")}
        tabIndex={-1}
        hidden
        onChange={onPicked}
      />
    </UploadContext.Provider>
  );
}
