/**
 * The virtualised justified grid shared by the timeline and the trash. Sections (months) are
 * stacked; each has either its computed layout or an estimated height. Only rows inside the
 * render window are in the DOM; the window moves in coarse steps so scrolling re-renders
 * rarely, and tiles are memoised. Heights changing above the viewport are compensated, and
 * past MAX_DOM_HEIGHT the scroll position is scaled (see scaledScroll.ts).
 */
import {
  useCallback,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type Ref,
} from "react";
import { Box, GlobalStyles, useMediaQuery } from "@mui/material";
import { anchoredScrollTop, sectionAt, sectionTops } from "../anchor";
import { firstRowAt, type DayHeaderBox, type SectionLayout } from "../layout";
import { createScrollScale } from "../scaledScroll";
import { renderWindow, sectionsIn, type RenderWindow } from "./window";
import { Scrubber, type ScrubberMonth } from "./Scrubber";
import { gridStyles } from "./styles";

export interface GridSection {
  key: string;
  count: number;
  layout: SectionLayout | null;
  estimate: number;
}

export interface SectionRange {
  visible: [number, number] | null;
  preload: [number, number] | null;
}

export interface JustifiedGridHandle {
  scrollToVirtual(top: number): void;
  /** Scroll so that an item is in view (no-op when it already is). */
  revealItem(section: number, index: number): void;
}

interface Props {
  sections: GridSection[];
  headerHeight: number;
  onWidthChange(width: number): void;
  onRangeChange(range: SectionRange): void;
  renderItem(section: number, index: number, layout: SectionLayout): ReactNode;
  renderHeader(section: number, header: DayHeaderBox): ReactNode;
  stickyLabel(section: number, header: DayHeaderBox): ReactNode;
  scrubber?: ScrubberMonth[];
  ref?: Ref<JustifiedGridHandle>;
}

const PADDING = 8;
const SCRUBBER_WIDTH = 56;
/** On a phone the scrubber is a thin strip without year labels. */
const SCRUBBER_WIDTH_NARROW = 22;

type Listener = (virtualTop: number) => void;

interface ViewState {
  window: RenderWindow;
  /** DOM scrollTop minus virtual top when the window was taken (non-zero only when scaled). */
  shift: number;
}

export function JustifiedGrid({
  sections,
  headerHeight,
  onRangeChange,
  onWidthChange,
  renderItem,
  renderHeader,
  stickyLabel,
  scrubber: scrubberMonths,
  ref,
}: Props) {
  const hasScrubber = !!scrubberMonths;
  const narrow = useMediaQuery("(max-width:600px)");
  const scrubberWidth = hasScrubber ? (narrow ? SCRUBBER_WIDTH_NARROW : SCRUBBER_WIDTH) : 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const [viewportHeight, setViewportHeight] = useState(800);
  const [view, setView] = useState<ViewState>({ window: renderWindow(0, 800), shift: 0 });
  const [sticky, setSticky] = useState<{ key: string; label: ReactNode } | null>(null);
  const listeners = useRef(new Set<Listener>());
  const stickyRef = useRef<HTMLDivElement>(null);
  const headerHeightRef = useRef(headerHeight);
  useLayoutEffect(() => {
    headerHeightRef.current = headerHeight;
  }, [headerHeight]);

  const heights = useMemo(() => sections.map((s) => (s.layout ? s.layout.height : s.estimate)), [sections]);
  const tops = useMemo(() => sectionTops(heights), [heights]);
  const total = tops[tops.length - 1] ?? 0;
  const scale = useMemo(() => createScrollScale(total + PADDING * 2, viewportHeight), [total, viewportHeight]);

  // Everything the scroll handler needs, kept current without re-creating the handler.
  const live = useRef({
    sections,
    tops,
    scale,
    viewportHeight,
    onRangeChange,
    stickyLabel,
    scrubberWidth,
    rangeKey: "",
    window: view.window,
  });
  useLayoutEffect(() => {
    Object.assign(live.current, { sections, tops, scale, viewportHeight, onRangeChange, stickyLabel, scrubberWidth });
  });

  const update = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const state = live.current;
    const virtualTop = Math.max(0, state.scale.toVirtual(element.scrollTop) - PADDING);
    const height = state.viewportHeight;
    const next = renderWindow(virtualTop, height);
    const shift = element.scrollTop - state.scale.toVirtual(element.scrollTop);
    if (next.start !== state.window.start || next.end !== state.window.end) {
      state.window = next;
      setView({ window: next, shift });
    }
    if (shift !== 0 && contentRef.current) {
      contentRef.current.style.transform = `translateY(${next.start + shift + PADDING}px)`;
    }
    const range: SectionRange = {
      visible: sectionsIn(state.tops, virtualTop, virtualTop + height),
      preload: sectionsIn(state.tops, virtualTop - height * 1.5, virtualTop + height * 2.5),
    };
    const rangeKey = JSON.stringify(range);
    if (rangeKey !== state.rangeKey) {
      state.rangeKey = rangeKey;
      state.onRangeChange(range);
    }
    const index = sectionAt(state.tops, virtualTop);
    const layout = index >= 0 ? state.sections[index]?.layout : null;
    let stickyNext: { key: string; label: ReactNode } | null = null;
    if (layout && layout.headers.length) {
      const within = virtualTop - state.tops[index];
      let lo = 0;
      let hi = layout.headers.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (layout.headers[mid].top <= within) lo = mid;
        else hi = mid - 1;
      }
      const header = layout.headers[lo];
      const nextTop =
        lo + 1 < layout.headers.length ? state.tops[index] + layout.headers[lo + 1].top : state.tops[index + 1];
      const push = Math.min(0, nextTop - virtualTop - headerHeightRef.current);
      if (stickyRef.current) stickyRef.current.style.transform = `translateY(${push}px)`;
      if (header.top < within) {
        stickyNext = { key: `${state.sections[index].key}:${header.day}`, label: state.stickyLabel(index, header) };
      }
    }
    setSticky((current) => (current?.key === stickyNext?.key ? current : stickyNext));
    listeners.current.forEach((listener) => listener(virtualTop));
  }, []);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      onWidthChange(Math.max(200, element.clientWidth - PADDING * 2 - live.current.scrubberWidth));
      setViewportHeight(element.clientHeight || 800);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onWidthChange]);

  // Scroll anchoring: keep what is on screen in place when heights above it change.
  const previous = useRef<{ keys: string; heights: number[]; virtualTop: number } | null>(null);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const keys = sections.map((s) => s.key).join();
    const before = previous.current;
    if (before && before.keys === keys && before.heights !== heights) {
      const anchored = anchoredScrollTop(before.heights, heights, before.virtualTop);
      if (Math.abs(anchored - before.virtualTop) > 0.5) element.scrollTop = scale.toDom(anchored + PADDING);
    }
    update();
    previous.current = { keys, heights, virtualTop: Math.max(0, scale.toVirtual(element.scrollTop) - PADDING) };
  }, [sections, heights, scale, update]);

  const onScroll = useCallback(() => {
    update();
    const element = scrollRef.current;
    if (element && previous.current) {
      previous.current.virtualTop = Math.max(0, live.current.scale.toVirtual(element.scrollTop) - PADDING);
    }
  }, [update]);

  const scrollToVirtual = useCallback((top: number) => {
    const element = scrollRef.current;
    if (element) element.scrollTop = live.current.scale.toDom(Math.max(0, top) + PADDING);
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      scrollToVirtual,
      revealItem(section, index) {
        const element = scrollRef.current;
        const layout = live.current.sections[section]?.layout;
        if (!element || !layout) return;
        const top = live.current.tops[section] + layout.ys[index];
        const virtualTop = live.current.scale.toVirtual(element.scrollTop) - PADDING;
        const height = live.current.viewportHeight;
        if (top >= virtualTop && top + layout.hs[index] <= virtualTop + height) return;
        scrollToVirtual(top - Math.max(0, (height - layout.hs[index]) / 2));
      },
    }),
    [scrollToVirtual],
  );

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  const { window: band, shift } = view;
  const children: ReactNode[] = [];
  const range = sectionsIn(tops, band.start, band.end);
  if (range) {
    for (let s = range[0]; s <= range[1]; s++) {
      const section = sections[s];
      const sectionTop = tops[s];
      const layout = section.layout;
      if (!layout) {
        const from = Math.max(sectionTop, band.start);
        const to = Math.min(sectionTop + heights[s], band.end);
        if (to > from) children.push(<SkeletonBand key={section.key} top={from - band.start} height={to - from} />);
        continue;
      }
      const items: ReactNode[] = [];
      const rows = layout.rows;
      const windowTop = band.start - sectionTop;
      const windowBottom = band.end - sectionTop;
      const firstRow = firstRowAt(rows, windowTop);
      let lastRow = firstRow;
      for (let r = firstRow; r < rows.length && rows[r].top <= windowBottom; r++) {
        lastRow = r;
        for (let i = rows[r].start; i < rows[r].end; i++) items.push(renderItem(s, i, layout));
      }
      if (firstRow < rows.length) {
        const fromTop = rows[firstRow].top;
        const toTop = rows[lastRow].top;
        for (const header of headersBetween(layout.headers, fromTop, toTop)) items.push(renderHeader(s, header));
      }
      children.push(
        <div key={section.key} style={{ position: "absolute", left: 0, right: 0, top: sectionTop - band.start }}>
          {items}
        </div>,
      );
    }
  }

  return (
    <Box sx={{ position: "relative", flex: 1, minHeight: 0 }}>
      <GlobalStyles styles={gridStyles} />
      <Box
        ref={scrollRef}
        onScroll={onScroll}
        data-testid="grid-scroll"
        sx={{
          position: "absolute",
          inset: 0,
          overflowY: "auto",
          overflowX: "hidden",
          overflowAnchor: "none",
          scrollbarWidth: hasScrubber ? "none" : undefined,
          "&::-webkit-scrollbar": hasScrubber ? { display: "none" } : undefined,
        }}
      >
        <div style={{ position: "relative", height: scale.domHeight }}>
          <div
            ref={contentRef}
            style={{
              position: "absolute",
              left: PADDING,
              right: PADDING + scrubberWidth,
              top: 0,
              transform: `translateY(${band.start + shift + PADDING}px)`,
            }}
          >
            {children}
          </div>
        </div>
      </Box>
      {sticky && (
        <Box
          ref={stickyRef}
          sx={{
            position: "absolute",
            top: 0,
            left: 0,
            right: scrubberWidth,
            height: headerHeight,
            pl: `${PADDING + 24}px`,
            pr: `${PADDING}px`,
            display: "flex",
            alignItems: "center",
            bgcolor: "background.default",
            zIndex: 2,
          }}
        >
          {sticky.label}
        </Box>
      )}
      {scrubberMonths && scrubberMonths.length > 0 && (
        <Scrubber
          months={scrubberMonths}
          tops={tops}
          width={scrubberWidth}
          compact={narrow}
          subscribe={subscribe}
          scrollToVirtual={scrollToVirtual}
        />
      )}
    </Box>
  );
}

function* headersBetween(headers: DayHeaderBox[], fromTop: number, toTop: number): Generator<DayHeaderBox> {
  let lo = 0;
  let hi = headers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (headers[mid].top < fromTop) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < headers.length && headers[i].top <= toTop; i++) yield headers[i];
}

function SkeletonBand({ top, height }: { top: number; height: number }) {
  return (
    <Box
      aria-hidden
      sx={(theme) => ({
        position: "absolute",
        left: 0,
        right: 0,
        top,
        height,
        backgroundImage: `repeating-linear-gradient(180deg, ${theme.palette.action.hover} 0 200px, transparent 200px 208px)`,
        opacity: 0.6,
      })}
    />
  );
}
