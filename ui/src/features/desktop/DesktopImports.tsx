import { useEffect, useRef, useState } from "react";
import { Box, IconButton, LinearProgress, Paper, Typography } from "@mui/material";
import CloseIcon from "@mui/icons-material/Close";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { timelineKeys } from "../timeline/api";
import { droppedImportsKey, fetchDroppedImports, progressOf, type DroppedImports } from "./api";
import { desktopHandlesDrops, onDesktopDrop, onDesktopDropsReady } from "./bridge";

const ACTIVE_POLL_MS = 1000;
/** After a drop, how long to look for the batch the window starts (its walk may take a moment). */
const DROP_WATCH_MS = 10_000;
const FAILURES_SHOWN = 3;

/**
 * In the desktop window: the progress of files dropped on it, imported by path by the launcher
 * (`GET /desktop/imports`), refreshing the timeline as files land. Renders nothing elsewhere.
 */
export function DesktopImports() {
  const [ready, setReady] = useState(desktopHandlesDrops);
  useEffect(() => onDesktopDropsReady(() => setReady(desktopHandlesDrops())), []);
  return ready ? <DroppedImportsPanel /> : null;
}

function DroppedImportsPanel() {
  const client = useQueryClient();
  const watchUntil = useRef(0);
  const lastImported = useRef<number | null>(null);
  const seenActive = useRef(0);
  const [closedBatch, setClosedBatch] = useState(0);
  const query = useQuery({
    queryKey: droppedImportsKey,
    queryFn: async () => {
      const state = await fetchDroppedImports();
      if (state.active) seenActive.current = state.batch;
      // a batch finished before this page loaded is not shown again
      return { ...state, seen: state.batch > 0 && seenActive.current === state.batch };
    },
    retry: false,
    refetchInterval: (q) =>
      q.state.data?.active || Date.now() < watchUntil.current ? ACTIVE_POLL_MS : false,
  });
  const state = query.data;

  useEffect(() => {
    const dropped = () => {
      watchUntil.current = Date.now() + DROP_WATCH_MS;
      void query.refetch();
    };
    return onDesktopDrop(dropped);
  }, [query]);

  useEffect(() => {
    if (!state) return;
    const landed = lastImported.current !== null && state.imported !== lastImported.current;
    if (landed || (state.active && lastImported.current === null)) {
      void client.invalidateQueries({ queryKey: timelineKeys.all });
    }
    lastImported.current = state.imported;
  }, [state, client]);

  if (!state?.seen || closedBatch === state.batch) return null;
  return <ImportsCard state={state} onClose={() => setClosedBatch(state.batch)} />;
}

function ImportsCard({ state, onClose }: { state: DroppedImports; onClose: () => void }) {
  const { t } = useTranslation("desktop");
  const { done, total } = progressOf(state);
  const title = state.active
    ? state.scanning && total === 0
      ? t("scanning")
      : t("importing", { done, total })
    : t("finished");
  const counts = [
    t("imported", { count: state.imported }),
    state.duplicates ? t("duplicates", { count: state.duplicates }) : null,
    state.failed ? t("failed", { count: state.failed }) : null,
    state.skipped ? t("skipped", { count: state.skipped }) : null,
  ].filter(Boolean);
  return (
    <Paper
      role="status"
      aria-label={t("importsLabel")}
      elevation={6}
      sx={{
        width: { xs: "auto", sm: 420 },
        mx: { xs: 1, sm: 0 },
        p: 2,
      }}
    >
      <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
        <Typography variant="subtitle1" component="h2" sx={{ flex: 1, fontWeight: 600 }}>
          {title}
        </Typography>
        {!state.active && (
          <IconButton size="small" aria-label={t("close")} onClick={onClose}>
            <CloseIcon fontSize="small" />
          </IconButton>
        )}
      </Box>
      <LinearProgress
        sx={{ my: 1 }}
        variant={state.active && total === 0 ? "indeterminate" : "determinate"}
        value={total ? (100 * done) / total : 100}
      />
      {state.current && (
        <Typography variant="body2" noWrap title={state.current}>
          {t("now", { name: state.current })}
        </Typography>
      )}
      <Typography variant="body2" color="text.secondary">
        {counts.join(" · ")}
      </Typography>
      {state.failures.slice(-FAILURES_SHOWN).map((failure, index) => (
        <Typography key={`${failure.name}-${index}`} variant="body2" color="error" noWrap title={failure.reason}>
          {t("failure", failure)}
        </Typography>
      ))}
      {state.failed > FAILURES_SHOWN && (
        <Typography variant="body2" color="error">
          {t("moreFailures", { count: state.failed - FAILURES_SHOWN })}
        </Typography>
      )}
    </Paper>
  );
}
