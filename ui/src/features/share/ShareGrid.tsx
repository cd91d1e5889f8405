/**
 * A paged grid without day headers: a shared album's (`share-grid`) and an album page's. The
 * timeline's justified layout and tiles; the next page loads when the end comes near.
 */
import { useCallback, useEffect, useMemo, useRef, type MouseEvent } from "react";
import { Box, CircularProgress, GlobalStyles } from "@mui/material";
import { useTranslation } from "react-i18next";
import { defaultLayoutOptions, layoutSection } from "../timeline/layout";
import { Tile, type TileLabels } from "../timeline/grid/Tile";
import { gridStyles } from "../timeline/grid/styles";
import { useElementSize } from "../viewer/useElementSize";

/** What a tile needs of an asset (a shared asset, or a library asset on an album page). */
export interface GridAsset {
  id: string;
  type: string;
  original_filename: string;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  thumb_url: string | null;
  thumbhash?: string | null;
  is_favorite?: boolean;
}

interface Props {
  items: GridAsset[];
  /** The link of a tile (opened in place by `onOpen`; a new tab keeps the href). */
  hrefFor(id: string): string;
  testId?: string;
  selected: ReadonlySet<string>;
  selectable: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  onOpen(id: string): void;
  onToggle(id: string): void;
}

const ratioOf = (asset: GridAsset) =>
  asset.width && asset.height ? asset.width / asset.height : 1;

export function ShareGrid(props: Props) {
  const { items, selected, selectable, hasMore, loadingMore, onLoadMore } = props;
  const { t } = useTranslation(["share", "timeline", "selection"]);
  const ref = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(ref);
  const layout = useMemo(() => {
    if (width <= 0) return null;
    const options = { ...defaultLayoutOptions(width), headerHeight: 0 };
    return layoutSection(items.map(ratioOf), items.map(() => ""), options);
  }, [items, width]);

  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasMore || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onLoadMore();
      },
      { rootMargin: "800px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore, onLoadMore, items.length]);

  const labels: TileLabels = useMemo(
    () => ({
      select: t("selection:select"),
      deselect: t("selection:deselect"),
      favorite: t("timeline:favorite"),
      pending: t("timeline:pending"),
      failed: t("timeline:failed"),
      video: t("timeline:video"),
    }),
    [t],
  );
  const { onOpen, onToggle } = props;
  const open = useCallback(
    (id: string, event: MouseEvent) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      onOpen(id);
    },
    [onOpen],
  );
  const toggle = useCallback(
    (id: string, event: MouseEvent) => {
      event.preventDefault();
      onToggle(id);
    },
    [onToggle],
  );

  return (
    <Box
      ref={ref}
      data-testid={props.testId ?? "share-grid"}
      data-count={items.length}
      sx={{
        position: "relative",
        width: "100%",
        height: layout?.height ?? 0,
        ...(selectable ? {} : { "& [data-testid='select-toggle']": { display: "none" } }),
      }}
    >
      <GlobalStyles styles={gridStyles} />
      {layout &&
        items.map((asset, index) => (
          <Tile
            key={asset.id}
            id={asset.id}
            x={layout.xs[index]}
            y={layout.ys[index]}
            w={layout.ws[index]}
            h={layout.hs[index]}
            href={props.hrefFor(asset.id)}
            alt={asset.original_filename}
            thumbUrl={asset.thumb_url}
            thumbhash={asset.thumbhash ?? null}
            processing={asset.thumb_url ? "done" : "pending"}
            type={asset.type === "video" ? "video" : "photo"}
            durationMs={asset.duration_ms}
            favorite={!!asset.is_favorite}
            selected={selected.has(asset.id)}
            selecting={selected.size > 0}
            labels={labels}
            onOpen={open}
            onToggle={toggle}
          />
        ))}
      <Box ref={sentinel} sx={{ position: "absolute", bottom: 0, left: 0, height: "1px", width: "100%", pointerEvents: "none" }} />
      {loadingMore && (
        <Box sx={{ position: "absolute", bottom: -48, left: "50%" }}>
          <CircularProgress size={24} aria-label={t("share:loadMore")} />
        </Box>
      )}
    </Box>
  );
}
