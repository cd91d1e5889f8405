import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { initI18n } from "../../../i18n";
import { FakeUploadController, fakeItem } from "./fakeController";
import { giveElementsABox, renderUpload } from "./testing";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { ToastProvider } from "../../../components/toasts";
import { UploadProvider } from "./UploadProvider";
import { UploadButton } from "./UploadButton";

const bridge = vi.hoisted(() => ({ desktop: false }));
vi.mock("../../desktop/bridge", () => ({
  isDesktopWindow: () => bridge.desktop,
  desktopHandlesDrops: () => bridge.desktop,
}));

beforeAll(() => {
  initI18n();
});
beforeEach(async () => {
  bridge.desktop = false;
  await i18n.changeLanguage("en");
  giveElementsABox();
});
afterEach(cleanup);

const image = (name: string) => new File(["x"], name, { type: "image/jpeg" });

/** A drag event as the browser sends it, carrying files (jsdom has no DragEvent). */
function dragEvent(type: string, data: Partial<DataTransfer>): Event {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, "dataTransfer", { value: { types: ["Files"], dropEffect: "none", ...data } });
  return event;
}

function fileEntry(fullPath: string, file: File): FileSystemFileEntry {
  return { isFile: true, isDirectory: false, name: file.name, fullPath, file: (ok: (f: File) => void) => ok(file) } as unknown as FileSystemFileEntry;
}

function folderEntry(fullPath: string, children: FileSystemEntry[]): FileSystemDirectoryEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split("/").pop(),
    fullPath,
    createReader: () => {
      let done = false;
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => ok(done ? [] : ((done = true), children)) };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe("the pickers", () => {
  it("queue the picked photos and videos and tell how many other files were left out", async () => {
    const controller = new FakeUploadController();
    renderUpload(controller);
    const input = screen.getByTestId("upload-input") as HTMLInputElement;
    expect(input.multiple).toBe(true);
    expect(input.accept).toContain("image/*");
    fireEvent.change(input, { target: { files: [image("a.jpg"), new File(["x"], "notes.txt", { type: "text/plain" })] } });
    expect(controller.added.map((each) => each.relativePath)).toEqual(["a.jpg"]);
    expect(await screen.findByText("1 file left out: not a photo or video")).toBeTruthy();
    expect(screen.getByTestId("upload-panel").dataset.total).toBe("1");
  });

  it("pass a folder pick's relative paths", () => {
    const controller = new FakeUploadController();
    renderUpload(controller);
    const folder = screen.getByTestId("upload-folder-input") as HTMLInputElement;
    expect(folder.hasAttribute("webkitdirectory")).toBe(true);
    const inFolder = image("c.jpg");
    Object.defineProperty(inFolder, "webkitRelativePath", { value: "Trip/Day 1/c.jpg" });
    fireEvent.change(folder, { target: { files: [inFolder] } });
    expect(controller.added.map((each) => each.relativePath)).toEqual(["Trip/Day 1/c.jpg"]);
  });

  it("open from the app bar's menu", () => {
    const controller = new FakeUploadController();
    const click = vi.spyOn(HTMLInputElement.prototype, "click").mockImplementation(() => {});
    renderUpload(controller, <UploadButton compact={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Upload" }));
    fireEvent.click(screen.getByRole("menuitem", { name: "Folder…" }));
    expect((click.mock.contexts.at(-1) as HTMLInputElement).dataset.testid).toBe("upload-folder-input");
    fireEvent.click(screen.getByRole("button", { name: "Upload" }));
    fireEvent.click(screen.getByRole("menuitem", { name: "Files…" }));
    expect((click.mock.contexts.at(-1) as HTMLInputElement).dataset.testid).toBe("upload-input");
  });
});

describe("drag and drop", () => {
  it("shows the overlay while files are dragged and queues a dropped folder, walked", async () => {
    const controller = new FakeUploadController();
    renderUpload(controller);
    act(() => {
      window.dispatchEvent(dragEvent("dragover", {}));
    });
    expect(screen.getByTestId("upload-drop-overlay").textContent).toContain("Drop to upload");
    const folder = folderEntry("/Trip", [fileEntry("/Trip/a.jpg", image("a.jpg")), fileEntry("/Trip/readme.txt", new File(["x"], "readme.txt"))]);
    const loose = image("b.jpg");
    const drop = dragEvent("drop", {
      items: [
        { kind: "file", webkitGetAsEntry: () => folder, getAsFile: () => null },
        { kind: "file", webkitGetAsEntry: () => null, getAsFile: () => loose },
      ] as unknown as DataTransferItemList,
    });
    act(() => {
      window.dispatchEvent(drop);
    });
    expect(drop.defaultPrevented).toBe(true);
    expect(screen.queryByTestId("upload-drop-overlay")).toBeNull();
    await waitFor(() => expect(controller.added.map((each) => each.relativePath)).toEqual(["b.jpg", "Trip/a.jpg"]));
    expect(await screen.findByText("1 file left out: not a photo or video")).toBeTruthy();
  });

  it("hides the overlay when the drag leaves the page, counting the elements it crossed", () => {
    renderUpload(new FakeUploadController());
    const fire = (type: string) =>
      act(() => {
        window.dispatchEvent(dragEvent(type, {}));
      });
    fire("dragenter"); // the page
    fire("dragenter"); // a child: entered before the parent is left
    fire("dragleave");
    fire("dragover");
    expect(screen.getByTestId("upload-drop-overlay")).toBeTruthy();
    fire("dragleave");
    expect(screen.queryByTestId("upload-drop-overlay")).toBeNull();
  });

  it("gives up the overlay when no dragover came for a while (a drag that ended unseen)", () => {
    vi.useFakeTimers();
    try {
      renderUpload(new FakeUploadController());
      act(() => {
        window.dispatchEvent(dragEvent("dragenter", {}));
      });
      act(() => vi.advanceTimersByTime(2000));
      expect(screen.getByTestId("upload-drop-overlay")).toBeTruthy();
      act(() => vi.advanceTimersByTime(1100));
      expect(screen.queryByTestId("upload-drop-overlay")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("ignores drags that carry no files (text, in-page drags)", () => {
    renderUpload(new FakeUploadController());
    const over = dragEvent("dragover", { types: ["text/plain"] });
    act(() => {
      window.dispatchEvent(over);
    });
    expect(over.defaultPrevented).toBe(false);
    expect(screen.queryByTestId("upload-drop-overlay")).toBeNull();
  });

  it("in the desktop window, keeps the browser from opening the file but queues nothing", () => {
    bridge.desktop = true;
    const controller = new FakeUploadController();
    renderUpload(controller);
    const over = dragEvent("dragover", {});
    act(() => {
      window.dispatchEvent(over);
    });
    expect(over.defaultPrevented).toBe(true);
    expect(screen.queryByTestId("upload-drop-overlay")).toBeNull();
    const drop = dragEvent("drop", { items: [] as unknown as DataTransferItemList, files: [image("a.jpg")] as unknown as FileList });
    act(() => {
      window.dispatchEvent(drop);
    });
    expect(drop.defaultPrevented).toBe(true);
    expect(controller.added).toEqual([]);
  });
});

describe("the engine's life", () => {
  it("warns before leaving only while files are moving", () => {
    const controller = new FakeUploadController([fakeItem("a", { phase: "uploading" })]);
    renderUpload(controller);
    const leave = () => {
      const event = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(true);
    act(() => controller.finalize("a"));
    expect(leave()).toBe(false);
  });

  it("is disposed when the signed-in app goes", () => {
    const controller = new FakeUploadController();
    const view = renderUpload(controller);
    expect(controller.disposed).toBe(false);
    view.unmount();
    expect(controller.disposed).toBe(true);
  });

  it("that cannot start leaves the app usable and says so when files are picked", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    render(
      <QueryClientProvider client={new QueryClient()}>
        <ToastProvider>
          <UploadProvider
            createController={() => {
              throw new Error("no IndexedDB");
            }}
          >
            <p>still here</p>
          </UploadProvider>
        </ToastProvider>
      </QueryClientProvider>,
    );
    expect(screen.getByText("still here")).toBeTruthy();
    fireEvent.change(screen.getByTestId("upload-input"), { target: { files: [image("a.jpg")] } });
    expect(await screen.findByText("Uploading is not available in this browser.")).toBeTruthy();
  });
});
