import { useMemo, useState } from "react";
import { CssBaseline, ThemeProvider, useMediaQuery } from "@mui/material";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { createQueryClient } from "./api/queryClient";
import { createRouter } from "./routes";
import { createAppTheme } from "./theme";
import { ToastProvider } from "./components/toasts";
import { SessionKeeper } from "./features/auth/session";

/** Providers: theme (system light/dark), TanStack Query (+ the session keeper), toasts, router. */
export function App() {
  const dark = useMediaQuery("(prefers-color-scheme: dark)");
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  const theme = useMemo(
    () => createAppTheme(dark ? "dark" : "light", reducedMotion),
    [dark, reducedMotion],
  );
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <SessionKeeper />
        <ToastProvider>
          <RouterProvider router={router} />
        </ToastProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
