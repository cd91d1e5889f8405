import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider } from "react-router";
import { initI18n } from "../../i18n";
import { RequireNoSession, RequireSession } from "./guards";
import type { SessionUser, SetupState } from "./api";

const state = vi.hoisted(() => ({
  user: null as SessionUser | null,
  setup: { setup_required: false, registration_open: false } as SetupState,
}));

vi.mock("./api", async () => {
  const actual = await vi.importActual<typeof import("./api")>("./api");
  return {
    ...actual,
    fetchSessionUser: async () => state.user,
    fetchSetupState: async () => state.setup,
  };
});

const OWNER: SessionUser = {
  id: "u1",
  email: "owner@example.com",
  display_name: "Owner",
  is_admin: true,
  locale: "en",
};

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      {
        element: <RequireNoSession />,
        children: [
          { path: "/setup", element: <h1>setup page</h1> },
          { path: "/login", element: <h1>login page</h1> },
        ],
      },
      {
        element: <RequireSession />,
        children: [
          { path: "/", element: <h1>timeline page</h1> },
          { path: "/settings", element: <h1>settings page</h1> },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

beforeAll(() => {
  initI18n();
});
afterEach(cleanup);

describe("route guards", () => {
  it("send a first visitor to /setup while no account exists", async () => {
    state.user = null;
    state.setup = { setup_required: true, registration_open: true };
    const router = renderAt("/");
    expect(await screen.findByRole("heading", { name: "setup page" })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/setup");
  });

  it("send a signed-out visitor to /login, remembering where they were going", async () => {
    state.user = null;
    state.setup = { setup_required: false, registration_open: false };
    const router = renderAt("/settings");
    expect(await screen.findByRole("heading", { name: "login page" })).toBeTruthy();
    expect(router.state.location.state).toEqual({
      from: { pathname: "/settings", search: "", hash: "" },
    });
  });

  it("let a signed-in user in, and move them off the sign-in screens", async () => {
    state.user = OWNER;
    renderAt("/settings");
    expect(await screen.findByRole("heading", { name: "settings page" })).toBeTruthy();
    cleanup();
    const router = renderAt("/login");
    expect(await screen.findByRole("heading", { name: "timeline page" })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/");
  });
});
