import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { initI18n } from "../../i18n";
import { ApiError } from "../../api/http";
import type { NetworkSharing } from "../desktop/api";
import { NetworkSection } from "./NetworkSection";

const server = vi.hoisted(() => ({
  state: { running: false, urls: [], name: null } as NetworkSharing,
  calls: [] as string[],
  failStart: null as Error | null,
}));

vi.mock("../desktop/api", async () => {
  const actual = await vi.importActual<typeof import("../desktop/api")>("../desktop/api");
  return {
    ...actual,
    fetchNetworkSharing: async () => {
      server.calls.push("GET");
      return server.state;
    },
    startNetworkSharing: async () => {
      server.calls.push("POST");
      if (server.failStart) throw server.failStart;
      server.state = {
        running: true,
        urls: ["http://192.168.1.20:8766/", "http://10.0.0.5:8766/"],
        name: "Mediabox on den",
      };
      return server.state;
    },
    stopNetworkSharing: async () => {
      server.calls.push("DELETE");
      server.state = { running: false, urls: [], name: null };
      return server.state;
    },
  };
});

function renderSection() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <NetworkSection />
    </QueryClientProvider>,
  );
}

beforeAll(async () => {
  await initI18n().changeLanguage("en");
});

afterEach(() => {
  cleanup();
  delete (window as { pywebview?: unknown }).pywebview;
  server.state = { running: false, urls: [], name: null };
  server.calls = [];
  server.failStart = null;
});

describe("NetworkSection", () => {
  it("is not offered in a plain browser and asks nothing", async () => {
    renderSection();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole("heading", { name: "Open on my network" })).toBeNull();
    expect(server.calls).toEqual([]);
  });

  it("opens the app on the network with its addresses and a QR code, then closes it", async () => {
    Object.assign(window, { pywebview: {} });
    renderSection();
    const toggle = (await screen.findByRole("switch", { name: "Open on my network" })) as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false));
    expect(toggle.checked).toBe(false);
    expect(screen.queryByTestId("network-addresses")).toBeNull();

    fireEvent.click(toggle);
    const links = await screen.findAllByTestId("network-url");
    expect(links.map((link) => link.getAttribute("href"))).toEqual([
      "http://192.168.1.20:8766/",
      "http://10.0.0.5:8766/",
    ]);
    expect(screen.getByText(/open one of these addresses/)).toBeTruthy();
    expect(screen.getByText("Computers that browse the network also see it as “Mediabox on den”.")).toBeTruthy();
    const qr = await screen.findByRole("img", { name: "QR code of http://192.168.1.20:8766/" });
    expect(qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    expect(toggle.checked).toBe(true);

    fireEvent.click(toggle);
    await waitFor(() => expect(screen.queryByTestId("network-addresses")).toBeNull());
    expect(toggle.checked).toBe(false);
    expect(server.calls).toEqual(["GET", "POST", "DELETE"]);
  });

  it("says why the network could not be opened and leaves the switch off", async () => {
    Object.assign(window, { pywebview: {} });
    server.failStart = new ApiError(409, "network_unavailable", "No port could be opened on the network: Address already in use");
    renderSection();
    const toggle = (await screen.findByRole("switch", { name: "Open on my network" })) as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false));
    fireEvent.click(toggle);
    const alert = await screen.findByTestId("network-error");
    expect(alert.textContent).toBe(
      "Mediabox could not be opened on the network." + "No port could be opened on the network: Address already in use",
    );
    expect(toggle.checked).toBe(false);
    expect(screen.queryByTestId("network-addresses")).toBeNull();
  });
});
