/**
 * The share page's own entry (`share.html`): a friend's browser loads this, never the library
 * app. Theme, i18n (the browser's language), TanStack Query and the share page only.
 */
import { StrictMode, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { CssBaseline, ThemeProvider, useMediaQuery } from "@mui/material";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { initI18n } from "./i18n";
import { createAppTheme } from "./theme";
import { ShareApp } from "./features/share/ShareApp";
import { readShellState, tokenFromPath } from "./features/share/shell";

function Root() {
  const dark = useMediaQuery("(prefers-color-scheme: dark)");
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  const theme = useMemo(
    () => createAppTheme(dark ? "dark" : "light", reducedMotion),
    [dark, reducedMotion],
  );
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false } } }),
  );
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <ShareApp token={tokenFromPath(window.location.pathname)} shell={readShellState()} />
      </QueryClientProvider>
    </ThemeProvider>
  );
}

initI18n();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
