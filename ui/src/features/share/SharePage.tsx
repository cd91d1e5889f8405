/** What an open link shows: title, owner, count, download all, the grid and the viewer. */
import { useCallback, useMemo, useState } from "react";
import { Alert, Box, Button, Snackbar, Stack, Typography } from "@mui/material";
import DownloadIcon from "@mui/icons-material/Download";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import type { PublicShare } from "./api";
import { useShareAssets, useShareDownloads, useShareMediaSource } from "./hooks";
import { ShareGrid } from "./ShareGrid";
import { ShareViewer } from "./ShareViewer";
import { usePhotoParam } from "./usePhotoParam";
import { neighbours } from "./viewerAsset";

export function SharePage({ token, share }: { token: string; share: PublicShare }) {
  const { t, i18n } = useTranslation("share");
  const { items, pages } = useShareAssets(token, share);
  const [failed, setFailed] = useState(false);
  const onError = useCallback(() => setFailed(true), []);
  const downloads = useShareDownloads(token, onError);
  const source = useShareMediaSource(token);
  const photo = usePhotoParam();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [viewerClosed, setViewerClosed] = useState(false);

  const single = share.kind === "asset" ? share.asset : null;
  const openId = photo.openId ?? (single && !viewerClosed ? single.id : null);
  const ids = useMemo(() => items.map((item) => item.id), [items]);
  const current = openId ? items.find((item) => item.id === openId) : undefined;
  const count = share.kind === "album" ? (share.album?.asset_count ?? items.length) : 1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const toggle = useCallback((id: string) => {
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const closeViewer = useCallback(() => {
    setViewerClosed(true);
    if (photo.openId) photo.close();
  }, [photo]);
  const expires = share.expires_at
    ? new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: "long" }).format(
        new Date(share.expires_at),
      )
    : null;

  return (
    <Box component="main" sx={{ maxWidth: 1600, mx: "auto", px: { xs: 1, sm: 2 }, pb: 8 }}>
      <Stack
        direction={{ xs: "column", sm: "row" }}
        sx={{ alignItems: { sm: "flex-end" }, justifyContent: "space-between", gap: 2, py: 2 }}
      >
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="h4" component="h1" data-testid="share-title" sx={{ wordBreak: "break-word" }}>
            {share.title}
          </Typography>
          <Typography color="text.secondary" data-testid="share-meta">
            {[share.owner_name && t("sharedBy", { name: share.owner_name }), t("items", { count })]
              .filter(Boolean)
              .join(" · ")}
          </Typography>
          {share.album?.description && <Typography sx={{ mt: 1 }}>{share.album.description}</Typography>}
          {expires && (
            <Typography variant="body2" color="text.secondary">
              {t("expires", { date: expires })}
            </Typography>
          )}
        </Box>
        <Stack direction="row" sx={{ gap: 1, alignItems: "center", flexWrap: "wrap" }}>
          {share.allow_download && selected.size > 0 && (
            <>
              <Button onClick={() => setSelected(new Set())}>{t("clearSelection")}</Button>
              <Button
                variant="outlined"
                startIcon={<DownloadIcon />}
                disabled={downloads.busy}
                data-testid="share-download-selected"
                onClick={() => void downloads.downloadZip([...selected])}
              >
                {t("downloadSelected", { count: selected.size })}
              </Button>
            </>
          )}
          {share.allow_download && (
            <Button
              variant="contained"
              startIcon={<DownloadIcon />}
              disabled={downloads.busy}
              data-testid="share-download-all"
              onClick={() =>
                void (single ? downloads.downloadOne(single.id) : downloads.downloadZip())
              }
            >
              {t("downloadAll")}
            </Button>
          )}
          <LanguageSwitch />
        </Stack>
      </Stack>
      <ShareGrid
        items={items}
        hrefFor={(id) => `/s/${encodeURIComponent(token)}?photo=${id}`}
        selected={selected}
        selectable={share.allow_download && share.kind === "album"}
        hasMore={!!hasNextPage}
        loadingMore={isFetchingNextPage}
        onLoadMore={loadMore}
        onOpen={photo.open}
        onToggle={toggle}
      />
      <Typography variant="caption" color="text.secondary" component="p" sx={{ textAlign: "center", mt: 8 }}>
        {t("footer")}
      </Typography>
      {current && (
        <ShareViewer
          asset={current}
          {...neighbours(ids, current.id)}
          allowDownload={share.allow_download}
          source={source}
          onGo={photo.go}
          onClose={closeViewer}
          onDownload={(id) => void downloads.downloadOne(id)}
        />
      )}
      <Snackbar open={failed} autoHideDuration={6000} onClose={() => setFailed(false)}>
        <Alert severity="error" onClose={() => setFailed(false)}>
          {t("downloadFailed")}
        </Alert>
      </Snackbar>
    </Box>
  );
}
