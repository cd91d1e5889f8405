import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { initI18n } from "../../i18n";
import type { DroppedImports } from "./api";
import { DesktopImports } from "./DesktopImports";
import { DESKTOP_DROP_EVENT, DESKTOP_READY_EVENT, desktopHandlesDrops, isDesktopWindow } from "./bridge";

const server = vi.hoisted(() => ({ states: [] as DroppedImports[], calls: 0 }));

vi.mock("./api", async () => {
  const actual = await vi.importActual<typeof import("./api")>("./api");
  return {
    ...actual,
    fetchDroppedImports: async () => {
      server.calls += 1;
      return server.states.length > 1 ? server.states.shift()! : server.states[0];
    },
  };
});

const IDLE: DroppedImports = {
  active: false,
  scanning: false,
  queued: 0,
  imported: 0,
  duplicates: 0,
  failed: 0,
  skipped: 0,
  current: null,
  batch: 0,
  failures: [],
};

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const invalidate = vi.spyOn(client, "invalidateQueries");
  render(
    <QueryClientProvider client={client}>
      <DesktopImports />
    </QueryClientProvider>,
  );
  return invalidate;
}

function becomeDesktopWindow() {
  Object.assign(window, { pywebview: {} });
  window.mediaboxDesktop = { drops: true };
  window.dispatchEvent(new Event(DESKTOP_READY_EVENT));
}

beforeAll(async () => {
  await initI18n().changeLanguage("en");
});

afterEach(() => {
  cleanup();
  delete (window as { pywebview?: unknown }).pywebview;
  delete window.mediaboxDesktop;
  server.states = [];
  server.calls = 0;
});

describe("the desktop bridge", () => {
  it("handles drops only once the window has hooked them", () => {
    expect(isDesktopWindow()).toBe(false);
    expect(desktopHandlesDrops()).toBe(false);
    Object.assign(window, { pywebview: {} });
    expect(isDesktopWindow()).toBe(true);
    expect(desktopHandlesDrops()).toBe(false);
    window.mediaboxDesktop = { drops: true };
    expect(desktopHandlesDrops()).toBe(true);
  });
});

describe("DesktopImports", () => {
  it("renders nothing and asks nothing in a plain browser", async () => {
    server.states = [IDLE];
    renderPanel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.calls).toBe(0);
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("shows a drop's progress, refreshes the timeline as files land, then the summary", async () => {
    server.states = [IDLE];
    const invalidate = renderPanel();
    act(() => becomeDesktopWindow());
    await waitFor(() => expect(server.calls).toBe(1));
    expect(screen.queryByRole("status")).toBeNull();

    server.states = [
      { ...IDLE, active: true, batch: 1, imported: 1, queued: 2, current: "chaplin.mp4" },
      {
        ...IDLE,
        batch: 1,
        imported: 2,
        duplicates: 1,
        failed: 1,
        skipped: 2,
        failures: [{ name: "gone.jpg", reason: "The file or folder no longer exists." }],
      },
    ];
    act(() => {
      window.dispatchEvent(new Event(DESKTOP_DROP_EVENT));
    });
    const panel = await screen.findByRole("status", { name: "Import of dropped files" });
    expect(panel.textContent).toContain("Importing 1 of 4");
    expect(panel.textContent).toContain("Now: chaplin.mp4");
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["timeline"] });

    await waitFor(() => expect(panel.textContent).toContain("Import finished"), { timeout: 3000 });
    expect(panel.textContent).toContain("Added: 2");
    expect(panel.textContent).toContain("Already in the library: 1");
    expect(panel.textContent).toContain("Not photos or videos: 2");
    expect(panel.textContent).toContain("gone.jpg: The file or folder no longer exists.");
    expect(invalidate).toHaveBeenCalledTimes(2);

    act(() => screen.getByRole("button", { name: "Close" }).click());
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("does not show a batch that finished before the page loaded", async () => {
    becomeDesktopWindow();
    server.states = [{ ...IDLE, batch: 3, imported: 7 }];
    renderPanel();
    await waitFor(() => expect(server.calls).toBe(1));
    expect(screen.queryByRole("status")).toBeNull();
  });
});
