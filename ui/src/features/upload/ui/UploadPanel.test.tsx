import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { initI18n } from "../../../i18n";
import type { UploadItem } from "../model";
import { FakeUploadController, fakeItem } from "./fakeController";
import { giveElementsABox, renderUpload } from "./testing";
import { UploadButton } from "./UploadButton";

beforeAll(() => {
  initI18n();
});
beforeEach(async () => {
  await i18n.changeLanguage("en");
  giveElementsABox();
});
afterEach(cleanup);

const panel = () => screen.getByTestId("upload-panel");

function mixed(): UploadItem[] {
  return [
    fakeItem("a", { phase: "done", bytesSent: 1000, assetId: "1" }),
    fakeItem("b", { phase: "duplicate", assetId: "2" }),
    fakeItem("c", { phase: "uploading", bytesSent: 400 }),
    fakeItem("d", { phase: "failed", error: { code: "http_503", message: "Service Unavailable", retryable: true } }),
    fakeItem("e", { phase: "queued" }),
    fakeItem("f", { phase: "failed", error: { code: "unsupported_file_type", message: "nope", retryable: false } }),
  ];
}

describe("UploadPanel", () => {
  it("stays out of the way while there is nothing to show", () => {
    renderUpload(new FakeUploadController());
    expect(screen.queryByTestId("upload-panel")).toBeNull();
  });

  it("announces through a live region that was there before the panel appeared", async () => {
    const controller = new FakeUploadController();
    renderUpload(controller);
    const region = screen.getByTestId("upload-announcement");
    expect(region.getAttribute("aria-live")).toBe("polite");
    act(() => controller.set([fakeItem("a", { phase: "done" })]));
    expect(screen.getByTestId("upload-panel")).toBeTruthy();
    expect(screen.getByTestId("upload-announcement")).toBe(region);
    await waitFor(() => expect(region.textContent).toBe("1 file uploaded"));
  });

  it("mirrors the counts in its data attributes and keeps them current", () => {
    const controller = new FakeUploadController(mixed());
    renderUpload(controller);
    expect(panel().dataset).toMatchObject({
      total: "6",
      done: "2",
      uploaded: "1",
      duplicates: "1",
      failed: "2",
      active: "true",
    });
    expect(screen.getByRole("region", { name: "Uploading: 2 of 6 files done" })).toBe(panel());

    act(() => controller.finalize("c"));
    act(() => controller.cancel("e"));
    expect(panel().dataset).toMatchObject({ total: "6", done: "3", uploaded: "2", failed: "2", active: "false" });
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("2 files could not be uploaded");
  });

  it("shows each row's state and a translated error, or the engine's message for an unknown code", () => {
    const controller = new FakeUploadController([
      ...mixed(),
      fakeItem("g", { phase: "failed", error: { code: "teapot", message: "I am a teapot", retryable: false } }),
    ]);
    renderUpload(controller);
    const rows = screen.getAllByTestId("upload-row");
    expect(rows.map((row) => row.dataset.phase)).toEqual([
      "done", "duplicate", "uploading", "failed", "queued", "failed", "failed",
    ]);
    expect(rows[1].textContent).toContain("Already in your library");
    expect(rows[2].textContent).toContain("40%");
    expect(rows[3].textContent).toContain("Server problem — try again");
    expect(rows[5].textContent).toContain("Not a supported photo or video");
    expect(rows[6].textContent).toContain("I am a teapot");
  });

  it("wires retry and cancel of one row, and the bulk buttons, to the engine", () => {
    const controller = new FakeUploadController(mixed());
    renderUpload(controller);
    fireEvent.click(screen.getByRole("button", { name: "Retry d.jpg" }));
    expect(controller.calls).toEqual(["retry:d"]);
    // No retry where it cannot help (415), no cancel on finished rows.
    expect(screen.queryByRole("button", { name: "Retry f.jpg" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Cancel a.jpg" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Cancel c.jpg" }));
    expect(controller.calls.at(-1)).toBe("cancel:c");

    act(() => controller.patch("d", { phase: "failed", error: { code: "network", message: "", retryable: true } }));
    fireEvent.click(screen.getByTestId("upload-retry-all"));
    expect(controller.calls.at(-1)).toBe("retryAllFailed");
    fireEvent.click(screen.getByTestId("upload-clear-finished"));
    expect(controller.calls.at(-1)).toBe("clearFinished");
    expect(screen.getAllByTestId("upload-row").map((row) => row.dataset.id)).toEqual(["d", "e", "f"]);
    fireEvent.click(screen.getByTestId("upload-cancel-all"));
    expect(controller.calls.at(-1)).toBe("cancelAll");
    // Nothing left to cancel or retry: those buttons go.
    expect(screen.queryByTestId("upload-cancel-all")).toBeNull();
    expect(screen.queryByTestId("upload-retry-all")).toBeNull();
  });

  it("explains failures in Russian too, never with the server's English", async () => {
    await i18n.changeLanguage("ru");
    renderUpload(
      new FakeUploadController([
        fakeItem("g", { phase: "failed", error: { code: "teapot", message: "I am a teapot", retryable: false } }),
        fakeItem("h", { phase: "failed", size: 0, error: { code: "validation_error", message: "Bad", retryable: false } }),
      ]),
    );
    const rows = screen.getAllByTestId("upload-row");
    expect(rows[0].textContent).toContain("Что-то пошло не так");
    expect(rows[0].textContent).not.toContain("teapot");
    expect(rows[1].textContent).toContain("Файл пустой");
    // Nothing here that retrying could fix.
    expect(screen.queryByTestId("upload-retry-all")).toBeNull();
  });

  it("filters to the failed files", () => {
    renderUpload(new FakeUploadController(mixed()));
    fireEvent.click(screen.getByTestId("upload-filter-failed"));
    expect(screen.getAllByTestId("upload-row").map((row) => row.dataset.id)).toEqual(["d", "f"]);
    expect(screen.getByTestId("upload-filter-failed").getAttribute("aria-pressed")).toBe("true");
  });

  it("collapses to its header and closes only when nothing is moving", () => {
    const controller = new FakeUploadController([fakeItem("a", { phase: "uploading" })]);
    renderUpload(controller);
    expect(screen.queryByTestId("upload-close")).toBeNull();
    fireEvent.click(screen.getByTestId("upload-collapse"));
    expect(screen.queryByTestId("upload-row")).toBeNull();
    expect(panel().dataset.collapsed).toBe("true");
    fireEvent.click(screen.getByTestId("upload-collapse"));
    expect(screen.getAllByTestId("upload-row")).toHaveLength(1);

    act(() => controller.finalize("a"));
    fireEvent.click(screen.getByTestId("upload-close"));
    expect(controller.calls).toContain("clearFinished");
    expect(screen.queryByTestId("upload-panel")).toBeNull();
    // A new file brings the panel back.
    act(() => controller.addFiles([{ file: new File(["x"], "new.jpg"), relativePath: "new.jpg" }]));
    expect(panel().dataset.total).toBe("1");
  });

  it("collapses on Escape and gives focus back to the Upload button when closed", () => {
    const controller = new FakeUploadController([fakeItem("a", { phase: "done" })]);
    renderUpload(controller, <UploadButton compact />);
    fireEvent.keyDown(screen.getByTestId("upload-close"), { key: "Escape" });
    expect(panel().dataset.collapsed).toBe("true");
    screen.getByTestId("upload-close").focus();
    fireEvent.click(screen.getByTestId("upload-close"));
    expect(screen.queryByTestId("upload-panel")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Upload" }));
  });

  it("shows totals, bytes, speed and time left", () => {
    const controller = new FakeUploadController([
      fakeItem("a", { phase: "uploading", size: 3 * 1024 ** 2, bytesSent: 1024 ** 2 }),
    ]);
    controller.setTransfer({ bytesPerSecond: 2 * 1024 ** 2, etaSeconds: 125 });
    renderUpload(controller);
    expect(screen.getByTestId("upload-transfer").textContent).toBe("1 MB of 3 MB · 2 MB/s · about 2 minutes left");
    const uploading = panel().querySelector('[data-stat="uploading"]');
    expect(uploading?.textContent).toBe("Uploading1");
  });

  it("speaks Russian with its plural forms", async () => {
    await i18n.changeLanguage("ru");
    const items = Array.from({ length: 5 }, (_, i) => fakeItem(`x${i}`, { phase: "done" }));
    const controller = new FakeUploadController(items);
    renderUpload(controller);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Загружено 5 файлов");
    act(() => controller.set(items.slice(0, 2)));
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Загружено 2 файла");
    act(() => controller.set(items.slice(0, 1)));
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Загружен 1 файл");
  });

  it("says when the files were already in the library, and shows cancelled files", async () => {
    const dupes = Array.from({ length: 3 }, (_, i) => fakeItem(`d${i}`, { phase: "duplicate" }));
    const controller = new FakeUploadController(dupes);
    renderUpload(controller);
    const heading = () => screen.getByRole("heading", { level: 2 }).textContent;
    expect(heading()).toBe("3 files were already in your library");
    act(() => controller.set([...dupes, fakeItem("u", { phase: "done" })]));
    expect(heading()).toBe("Uploaded: 1 · already in your library: 3");
    expect(panel().querySelector('[data-stat="cancelled"]')).toBeNull();
    act(() => controller.set([fakeItem("c1", { phase: "cancelled" }), fakeItem("c2", { phase: "cancelled" })]));
    expect(panel().querySelector('[data-stat="cancelled"]')?.textContent).toBe("Cancelled2");
    await act(() => i18n.changeLanguage("ru"));
    act(() => controller.set(Array.from({ length: 5 }, (_, i) => fakeItem(`r${i}`, { phase: "duplicate" }))));
    expect(heading()).toBe("5 файлов уже были в библиотеке");
  });

  it("keeps a bounded number of rows in the DOM for 10,000 files", () => {
    const items = Array.from({ length: 10_000 }, (_, i) => fakeItem(`n${i}`, { phase: i % 7 === 0 ? "failed" : "done" }));
    const controller = new FakeUploadController(items);
    const started = performance.now();
    renderUpload(controller);
    const elapsed = performance.now() - started;
    const rows = screen.getAllByTestId("upload-row");
    expect(panel().dataset.total).toBe("10000");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("1,429 files could not be uploaded");
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(30);
    expect(rows[0].dataset.id).toBe("n0");
    expect(elapsed).toBeLessThan(2000);

    const list = screen.getByTestId("upload-list");
    list.scrollTop = 60 * 5000;
    fireEvent.scroll(list);
    const after = screen.getAllByTestId("upload-row").map((row) => Number(row.dataset.id!.slice(1)));
    expect(after.length).toBeLessThan(30);
    expect(Math.min(...after)).toBeGreaterThan(4980);
    expect(Math.max(...after)).toBeLessThan(5030);
  });
});

describe("the resume banner", () => {
  const pending = [
    { fingerprint: "p1", name: "big.mov", relativePath: "big.mov", size: 300e6, lastModified: 1, bytesDone: 100e6, updatedAt: 1 },
    { fingerprint: "p2", name: "a.jpg", relativePath: "Trip/a.jpg", size: 5e6, lastModified: 1, bytesDone: 0, updatedAt: 1 },
  ];

  it("offers to pick the same files again or to discard them", () => {
    const controller = new FakeUploadController([], pending);
    const click = vi.spyOn(HTMLInputElement.prototype, "click").mockImplementation(() => {});
    renderUpload(controller);
    const banner = screen.getByTestId("upload-resume-banner");
    expect(screen.getByRole("region", { name: "Uploads" }).dataset.total).toBe("0");
    expect(banner.textContent).toContain("2 unfinished uploads from before");
    expect(banner.textContent).toContain("(196 MB left)");
    expect(banner.textContent).toContain("big.mov, a.jpg");
    fireEvent.click(within(banner).getByRole("button", { name: "Select files" }));
    expect(click).toHaveBeenCalledTimes(1);
    expect((click.mock.contexts[0] as HTMLInputElement).dataset.testid).toBe("upload-input");
    // a.jpg came from the folder "Trip": the folder can be picked again as a whole.
    fireEvent.click(within(banner).getByRole("button", { name: "Select the folder" }));
    expect((click.mock.contexts[1] as HTMLInputElement).dataset.testid).toBe("upload-folder-input");
    fireEvent.click(within(banner).getByRole("button", { name: "Discard" }));
    expect(controller.calls).toEqual(["forgetPending:*"]);
    expect(screen.queryByTestId("upload-resume-banner")).toBeNull();
  });

  it("goes once the files are picked again", () => {
    const controller = new FakeUploadController([], pending);
    renderUpload(controller);
    const input = screen.getByTestId("upload-input") as HTMLInputElement;
    const files = [new File([new Uint8Array(10)], "big.mov", { type: "video/quicktime" })];
    Object.defineProperty(files[0], "size", { value: 300e6 });
    fireEvent.change(input, { target: { files } });
    expect(controller.calls).toEqual(["addFiles:1"]);
    expect(screen.getByTestId("upload-resume-banner").textContent).toContain("1 unfinished upload from before");
  });
});
