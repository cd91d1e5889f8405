import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import i18n from "i18next";
import { initI18n } from "../../i18n";
import { ApiError } from "../../api/http";
import { ShareApp } from "./ShareApp";
import type { PublicShare } from "./api";

const calls: string[] = [];

vi.mock("./api", () => ({
  fetchShare: vi.fn(async () => {
    calls.push("share");
    return SHARE;
  }),
  unlockShare: vi.fn(async (_token: string, password: string) => {
    calls.push(`unlock:${password}`);
    if (password !== "right") throw new ApiError(401, "wrong_password", "Wrong password.");
    return {};
  }),
  fetchShareAssets: vi.fn(async () => {
    calls.push("assets");
    return { items: [], next_cursor: null };
  }),
  fetchShareMediaUrl: vi.fn(),
  createShareZip: vi.fn(),
}));

const SHARE: PublicShare = {
  kind: "album",
  title: "Summer",
  owner_name: "Anna",
  asset: null,
  album: { asset_count: 6, description: "", cover_thumb_url: null },
  allow_download: true,
  show_location: false,
  original_contains_location: false,
  expires_at: null,
  credential: null,
};

function renderApp(shell: Parameters<typeof ShareApp>[0]["shell"]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ShareApp token={"t".repeat(43)} shell={shell} />
    </QueryClientProvider>,
  );
}

beforeAll(() => {
  initI18n();
});
beforeEach(async () => {
  calls.length = 0;
  await i18n.changeLanguage("en");
});
afterEach(cleanup);

describe("the share page", () => {
  it("asks for the password of a locked link before fetching anything", async () => {
    renderApp("locked");
    const input = await screen.findByTestId("share-password");
    expect(calls).toEqual([]);

    fireEvent.change(input, { target: { value: "wrong" } });
    fireEvent.click(screen.getByTestId("share-unlock"));
    expect(await screen.findByRole("alert")).toHaveProperty(
      "textContent",
      "Wrong password. Please try again.",
    );
    expect(calls).toEqual(["unlock:wrong"]);

    fireEvent.change(input, { target: { value: "right" } });
    fireEvent.click(screen.getByTestId("share-unlock"));
    expect(await screen.findByTestId("share-title")).toHaveProperty("textContent", "Summer");
    expect(screen.getByTestId("share-meta").textContent).toBe("Shared by Anna · 6 items");
    await waitFor(() => expect(calls).toEqual(["unlock:wrong", "unlock:right", "share", "assets"]));
    expect(screen.getByTestId("share-download-all")).toBeTruthy();
  });

  it("shows an ended link's page in Russian without a request", async () => {
    await i18n.changeLanguage("ru");
    renderApp("share_revoked");
    expect(screen.getByTestId("share-ended").dataset.reason).toBe("share_revoked");
    expect(screen.getByRole("heading").textContent).toBe("Ссылка отключена");
    expect(calls).toEqual([]);
  });

  it("hides downloads when the link does not allow them", async () => {
    const api = await import("./api");
    vi.mocked(api.fetchShare).mockResolvedValueOnce({ ...SHARE, allow_download: false });
    renderApp("open");
    await screen.findByTestId("share-title");
    expect(screen.queryByTestId("share-download-all")).toBeNull();
  });
});
