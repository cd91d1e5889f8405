/** The client routes (SPEC §7). Pages load lazily so the first route ships little JavaScript. */
import { createBrowserRouter, type RouteObject } from "react-router";
import { AppShell } from "../components/AppShell";
import { RequireSession, RequireNoSession } from "../features/auth/guards";
import { RouteError } from "../components/RouteError";
import { FullPageLoader } from "../components/FullPageStatus";

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      {
        element: <RequireNoSession />,
        children: [
          { path: "/setup", lazy: page(() => import("../features/auth/SetupPage")) },
          { path: "/login", lazy: page(() => import("../features/auth/LoginPage")) },
        ],
      },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppShell />,
            children: [
              {
                path: "/",
                lazy: page(() => import("../features/timeline/TimelinePage")),
                children: [
                  {
                    path: "photos/:id",
                    lazy: page(() => import("../features/viewer/ViewerRoute")),
                  },
                ],
              },
              {
                path: "/trash",
                lazy: page(() => import("../features/trash/TrashPage")),
                children: [
                  {
                    path: "photos/:id",
                    lazy: page(() => import("../features/viewer/ViewerRoute")),
                  },
                ],
              },
              {
                path: "/favorites",
                lazy: page(() => import("../features/favorites/FavoritesPage")),
                children: [
                  {
                    path: "photos/:id",
                    lazy: page(() => import("../features/viewer/ViewerRoute")),
                  },
                ],
              },
              { path: "/albums", lazy: page(() => import("../features/albums/AlbumsPage")) },
              {
                path: "/albums/:id",
                lazy: page(() => import("../features/albums/AlbumPage")),
                children: [
                  {
                    path: "photos/:id",
                    lazy: page(() => import("../features/viewer/ViewerRoute")),
                  },
                ],
              },
              { path: "/tags", lazy: page(() => import("../features/tags/TagsPage")) },
              {
                path: "/tags/:id",
                lazy: page(() => import("../features/tags/TagPage")),
                children: [
                  {
                    path: "photos/:id",
                    lazy: page(() => import("../features/viewer/ViewerRoute")),
                  },
                ],
              },
              { path: "/shares", lazy: page(() => import("../features/shares/MySharesPage")) },
              { path: "/settings", lazy: page(() => import("../features/settings/SettingsPage")) },
              { path: "*", lazy: page(() => import("../components/NotFoundPage")) },
            ],
          },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
