import { createTheme } from "@mui/material/styles";

/** The app's MUI theme: light and dark from the system, visible focus, reduced motion honoured. */
export function createAppTheme(mode: "light" | "dark", reducedMotion: boolean) {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === "dark" ? "#90caf9" : "#1565c0" },
      background: mode === "dark" ? { default: "#111317", paper: "#181b20" } : {},
    },
    shape: { borderRadius: 10 },
    typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    transitions: reducedMotion ? { create: () => "none" } : {},
    components: {
      MuiButtonBase: { defaultProps: { disableRipple: reducedMotion } },
      MuiCssBaseline: {
        styleOverrides: {
          ":focus-visible": { outline: "2px solid", outlineOffset: 2 },
        },
      },
    },
  });
}
