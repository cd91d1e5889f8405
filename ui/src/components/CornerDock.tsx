import Box from "@mui/material/Box";
import type { ReactNode } from "react";

/** The bottom-right corner where the app's progress panels (uploads, desktop imports) stack
 * instead of covering each other; on a phone it spans the bottom edge. */
export function CornerDock({ children }: { children: ReactNode }) {
  return (
    <Box
      data-testid="corner-dock"
      sx={{
        position: "fixed",
        zIndex: (theme) => theme.zIndex.snackbar - 1,
        right: { xs: 0, sm: 16 },
        bottom: { xs: 0, sm: 16 },
        left: { xs: 0, sm: "auto" },
        maxHeight: { xs: "85dvh", sm: "calc(100dvh - 96px)" },
        display: "flex",
        flexDirection: "column",
        alignItems: { xs: "stretch", sm: "flex-end" },
        gap: 1,
        pointerEvents: "none",
        "& > *": { pointerEvents: "auto", flexShrink: 1, minHeight: 0 },
        "&:empty": { display: "none" },
      }}
    >
      {children}
    </Box>
  );
}
