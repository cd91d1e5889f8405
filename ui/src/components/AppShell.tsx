import { Box } from "@mui/material";
import { Outlet } from "react-router";

/** Placeholder: the app bar + navigation (owned by the shell/auth work). */
export function AppShell() {
  return (
    <Box sx={{ height: "100dvh", display: "flex", flexDirection: "column" }}>
      <Outlet />
    </Box>
  );
}
