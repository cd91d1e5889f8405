import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryRouter, Outlet, RouterProvider } from "react-router";
import { ToastProvider } from "../../components/toasts";
import { initI18n } from "../../i18n";
import ViewerRoute from "./ViewerRoute";
import { AssetSequenceContext, type AssetSequence } from "./sequence";
import type { ViewerAsset } from "./api";

// openapi-fetch builds absolute Requests in Node: the same client, on http://localhost.
vi.mock("../../api/client", async () => {
  const createClient = (await import("openapi-fetch")).default;
  const actual = await vi.importActual<typeof import("../../api/client")>("../../api/client");
  return {
    ...actual,
    api: createClient({
      baseUrl: "http://localhost",
      fetch: (request: Request) => globalThis.fetch(request),
    }),
  };
});

const IDS = ["a1", "b2", "c3"];

function makeAsset(id: string, extra: Partial<ViewerAsset> = {}): ViewerAsset {
  return {
    id,
    type: "photo",
    status: "active",
    original_filename: `${id}.jpg`,
    content_type: "image/jpeg",
    size_bytes: 1_957_448,
    sha256: null,
    captured_at: "2021-04-11T20:47:53Z",
    captured_offset_minutes: -300,
    local_date: "2021-04-11",
    thumbhash: null,
    width: 3264,
    height: 2448,
    duration_ms: null,
    is_favorite: false,
    thumb_url: `/blob/${id}-thumb.jpg`,
    preview_url: `/blob/${id}-preview.jpg`,
    processing: { state: "done", error: null },
    created_at: "2021-04-11T20:47:53Z",
    updated_at: "2021-04-11T20:47:53Z",
    deleted_at: null,
    description: "",
    camera_make: "Apple",
    camera_model: "iPhone 6",
    gps_lat: 40.446972,
    gps_lon: -3.724753,
    ...extra,
  };
}

let assets: Record<string, ViewerAsset>;
let requests: Array<{ method: string; path: string; body: string }>;

function json(data: unknown, status = 200) {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  initI18n();
  // jsdom never loads images: pretend every image loads at once with a 1600 × 1200 size.
  class LoadingImage {
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    naturalWidth = 1600;
    naturalHeight = 1200;
    decoding = "auto";
    set src(_value: string) {
      queueMicrotask(() => act(() => this.onload?.()));
    }
  }
  vi.stubGlobal("Image", LoadingImage);
});

beforeEach(() => {
  assets = Object.fromEntries(IDS.map((id) => [id, makeAsset(id)]));
  requests = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      const body = input.method === "GET" ? "" : await input.text();
      requests.push({ method: input.method, path: url.pathname, body });
      const match = /^\/api\/v1\/assets\/([^/]+)(\/[a-z-]+)?$/.exec(url.pathname);
      if (!match) return json({ error: { code: "not_found", message: "Nope" } }, 404);
      const [, id, tail] = match;
      const asset = assets[id];
      if (!asset) return json({ error: { code: "not_found", message: "Asset not found" } }, 404);
      if (!tail && input.method === "GET") return json(asset);
      if (!tail && input.method === "PATCH") {
        assets[id] = { ...asset, ...JSON.parse(body) };
        return json(assets[id]);
      }
      if (!tail && input.method === "DELETE") return json({ ...asset, deleted_at: "now" });
      if (tail === "/restore") return json(asset);
      if (tail === "/purge") return new Response(null, { status: 204 });
      if (tail === "/download-url") return json({ url: `/blob/${id}-original`, expires_at: "x" });
      return json({ error: { code: "not_found", message: "Nope" } }, 404);
    }),
  );
});

afterEach(() => {
  cleanup();
});

function Host({ mode }: { mode?: "library" | "trash" }) {
  const sequence: AssetSequence = {
    neighbours: (id) => {
      const index = IDS.indexOf(id);
      return { prev: IDS[index - 1] ?? null, next: IDS[index + 1] ?? null };
    },
    hrefFor: (id) => `/photos/${id}`,
    closeHref: "/",
    mode,
  };
  return (
    <AssetSequenceContext.Provider value={sequence}>
      <div data-testid="host">host</div>
      <Outlet />
    </AssetSequenceContext.Provider>
  );
}

function renderViewer(entries: string[], options: { host?: boolean; mode?: "library" | "trash" } = {}) {
  const { host = true, mode } = options;
  const router = createMemoryRouter(
    host
      ? [{ path: "/", element: <Host mode={mode} />, children: [{ path: "photos/:id", element: <ViewerRoute /> }] }]
      : [
          { path: "/", element: <div>home</div> },
          { path: "/photos/:id", element: <ViewerRoute /> },
        ],
    { initialEntries: entries, initialIndex: entries.length - 1 },
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return router;
}

const key = (k: string) => act(() => void fireEvent.keyDown(window, { key: k }));

describe("ViewerRoute", () => {
  it("shows the preview in a labelled dialog", async () => {
    renderViewer(["/", "/photos/b2"]);
    const dialog = await screen.findByTestId("viewer");
    expect(dialog.getAttribute("role")).toBe("dialog");
    const image = await screen.findByTestId("viewer-image");
    expect(image.getAttribute("src")).toBe("/blob/b2-preview.jpg");
    expect(image.getAttribute("alt")).toBe("b2.jpg");
  });

  it("moves with the arrows replacing the URL, and Esc goes back to the host", async () => {
    const router = renderViewer(["/", "/photos/b2"]);
    await screen.findByTestId("viewer-image");
    await key("ArrowRight");
    await waitFor(() => expect(router.state.location.pathname).toBe("/photos/c3"));
    expect(router.state.historyAction).toBe("REPLACE");
    await key("ArrowRight"); // the last one: nothing further
    expect(router.state.location.pathname).toBe("/photos/c3");
    await key("ArrowLeft");
    await waitFor(() => expect(router.state.location.pathname).toBe("/photos/b2"));
    fireEvent.keyDown(await screen.findByTestId("viewer"), { key: "Escape" });
    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    expect(router.state.historyAction).toBe("POP");
    expect(screen.queryByTestId("viewer")).toBeNull();
    expect(screen.getByTestId("host")).toBeTruthy();
  });

  it("closes to / on a deep link without a host", async () => {
    const router = renderViewer(["/photos/a1"], { host: false });
    await screen.findByTestId("viewer-image");
    fireEvent.keyDown(screen.getByTestId("viewer"), { key: "Escape" });
    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    expect(router.state.historyAction).toBe("REPLACE");
  });

  it("toggles the info panel with i", async () => {
    renderViewer(["/", "/photos/a1"]);
    await screen.findByTestId("viewer-image");
    await key("i");
    const panel = await screen.findByTestId("viewer-info");
    expect(panel.textContent).toContain("a1.jpg");
    expect(panel.textContent).toContain("UTC\u221205:00");
    expect(panel.textContent).toContain("Apple iPhone 6");
    expect(panel.textContent).toContain("3,264 × 2,448");
    expect(screen.getByTestId("viewer-map-link").getAttribute("href")).toContain("mlat=40.446972");
    await key("i");
    await waitFor(() => expect(screen.queryByTestId("viewer-info")).toBeNull());
  });

  it("favourites with f and trashes with Del, then moves on with an undo toast", async () => {
    const router = renderViewer(["/", "/photos/a1"]);
    await screen.findByTestId("viewer-image");
    await key("f");
    await waitFor(() =>
      expect(requests).toContainEqual({
        method: "PATCH",
        path: "/api/v1/assets/a1",
        body: JSON.stringify({ is_favorite: true }),
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId("viewer-favorite").getAttribute("aria-pressed")).toBe("true"),
    );
    await key("Delete");
    await waitFor(() => expect(router.state.location.pathname).toBe("/photos/b2"));
    expect(requests.some((r) => r.method === "DELETE" && r.path === "/api/v1/assets/a1")).toBe(true);
    fireEvent.click(await screen.findByRole("button", { name: "Undo" }));
    await waitFor(() =>
      expect(requests.some((r) => r.path === "/api/v1/assets/a1/restore")).toBe(true),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe("/photos/a1"));
  });

  it("offers restore and delete forever in the trash", async () => {
    renderViewer(["/", "/photos/b2"], { mode: "trash" });
    await screen.findByTestId("viewer-image");
    expect(screen.getByTestId("viewer-restore")).toBeTruthy();
    expect(screen.getByTestId("viewer-purge")).toBeTruthy();
    expect(screen.queryByTestId("viewer-trash")).toBeNull();
    expect(screen.queryByTestId("viewer-favorite")).toBeNull();
  });

  it("asks before deleting forever from the trash, then moves on", async () => {
    const router = renderViewer(["/", "/photos/b2"], { mode: "trash" });
    await screen.findByTestId("viewer-image");
    await key("Delete");
    fireEvent.click(await screen.findByTestId("viewer-purge-confirm"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/photos/c3"));
    expect(requests).toContainEqual({ method: "DELETE", path: "/api/v1/assets/b2/purge", body: "" });
  });

  it("shows a pending asset's thumbnail with a readable message", async () => {
    assets.a1 = makeAsset("a1", {
      processing: { state: "pending", error: null },
      preview_url: null,
    });
    renderViewer(["/", "/photos/a1"]);
    await waitFor(() =>
      expect(screen.getByTestId("viewer-state").getAttribute("data-state")).toBe("pending"),
    );
    expect(screen.getByTestId("viewer-state").textContent).toMatch(/still being processed/);
    await waitFor(() =>
      expect(screen.getByTestId("viewer-stage").getAttribute("data-resolution")).toBe("thumb"),
    );
  });

  it("shows why a failed asset cannot be shown", async () => {
    assets.a1 = makeAsset("a1", {
      processing: { state: "failed", error: "not an image" },
      thumb_url: null,
      preview_url: null,
    });
    renderViewer(["/", "/photos/a1"]);
    await waitFor(() =>
      expect(screen.getByTestId("viewer-state").getAttribute("data-state")).toBe("failed"),
    );
    expect(screen.getByTestId("viewer-state").textContent).toContain("not an image");
  });

  it("says so when the asset does not exist", async () => {
    renderViewer(["/", "/photos/zz"]);
    await waitFor(() =>
      expect(screen.getByTestId("viewer-state").getAttribute("data-state")).toBe("error"),
    );
    expect(screen.getByTestId("viewer-state").textContent).toMatch(/does not exist/);
  });
});
