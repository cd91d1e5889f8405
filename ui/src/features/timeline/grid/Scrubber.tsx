/**
 * The date scrubber on the right: months laid out by their counts, year labels, a thumb that
 * follows the scroll position, a hover/drag label, and keyboard steps (↑/↓ month, PgUp/PgDn
 * year, Home/End).
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { Box } from "@mui/material";
import { fractionToVirtual, trackStarts, virtualToFraction } from "../scrubber";

export interface ScrubberMonth {
  key: string;
  count: number;
  label: string;
  year: string;
}

interface Props {
  months: ScrubberMonth[];
  tops: Float64Array;
  width: number;
  /** Phones: no year labels, a thinner thumb. */
  compact?: boolean;
  subscribe(listener: (virtualTop: number) => void): () => void;
  scrollToVirtual(top: number): void;
}

const TRACK_PADDING = 12;

export function Scrubber({ months, tops, width, compact, subscribe, scrollToVirtual }: Props) {
  const trackRef = useRef<HTMLDivElement>(null);
  const thumbRef = useRef<HTMLDivElement>(null);
  const [trackHeight, setTrackHeight] = useState(0);
  const [hover, setHover] = useState<{ y: number; label: string } | null>(null);
  const [current, setCurrent] = useState(0);
  const dragging = useRef(false);
  const starts = useMemo(() => trackStarts(months.map((m) => m.count)), [months]);

  useEffect(() => {
    const element = trackRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setTrackHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(
    () =>
      subscribe((virtualTop) => {
        const fraction = virtualToFraction(virtualTop, starts, tops);
        if (thumbRef.current) thumbRef.current.style.top = `${fraction * 100}%`;
        const index = fractionToVirtual(fraction, starts, tops).index;
        setCurrent((value) => (value === index ? value : index));
      }),
    [subscribe, starts, tops],
  );

  const years = useMemo(() => {
    const labels: { year: string; fraction: number }[] = [];
    let lastY = -Infinity;
    months.forEach((month, index) => {
      if (index > 0 && months[index - 1].year === month.year) return;
      const y = starts[index] * trackHeight;
      if (y - lastY < 18) return;
      lastY = y;
      labels.push({ year: month.year, fraction: starts[index] });
    });
    return labels;
  }, [months, starts, trackHeight]);

  const fractionAt = (clientY: number) => {
    const rect = trackRef.current!.getBoundingClientRect();
    return Math.min(Math.max((clientY - rect.top) / Math.max(rect.height, 1), 0), 1);
  };
  const jump = (fraction: number) => {
    const { top } = fractionToVirtual(fraction, starts, tops);
    scrollToVirtual(top);
  };
  const showLabel = (clientY: number) => {
    const fraction = fractionAt(clientY);
    const { index } = fractionToVirtual(fraction, starts, tops);
    setHover({ y: fraction * trackHeight, label: months[index]?.label ?? "" });
    return fraction;
  };
  const goToMonth = (index: number) => {
    const clamped = Math.min(Math.max(index, 0), months.length - 1);
    scrollToVirtual(tops[clamped]);
    setCurrent(clamped);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const yearStep = (direction: 1 | -1) => {
      let index = current;
      const year = months[current]?.year;
      while (index + direction >= 0 && index + direction < months.length && months[index + direction].year === year)
        index += direction;
      return index + direction;
    };
    const moves: Record<string, () => number> = {
      ArrowDown: () => current + 1,
      ArrowUp: () => current - 1,
      PageDown: () => yearStep(1),
      PageUp: () => yearStep(-1),
      Home: () => 0,
      End: () => months.length - 1,
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    goToMonth(move());
  };

  return (
    <Box
      ref={trackRef}
      role="slider"
      tabIndex={0}
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={Math.max(0, months.length - 1)}
      aria-valuenow={current}
      aria-valuetext={months[current]?.label}
      aria-label={months[current]?.label}
      data-testid="timeline-scrubber"
      onKeyDown={onKeyDown}
      onPointerDown={(event: PointerEvent) => {
        dragging.current = true;
        event.currentTarget.setPointerCapture?.(event.pointerId);
        jump(showLabel(event.clientY));
      }}
      onPointerMove={(event: PointerEvent) => {
        const fraction = showLabel(event.clientY);
        if (dragging.current) jump(fraction);
      }}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
      onPointerLeave={() => !dragging.current && setHover(null)}
      sx={{
        position: "absolute",
        top: TRACK_PADDING,
        bottom: TRACK_PADDING,
        right: 0,
        width,
        cursor: "ns-resize",
        userSelect: "none",
        touchAction: "none",
        zIndex: 3,
        "&:focus-visible": { outline: "2px solid", outlineOffset: -2 },
      }}
    >
      {!compact &&
        years.map(({ year, fraction }) => (
        <Box
          key={year}
          sx={{
            position: "absolute",
            right: 8,
            top: `${fraction * 100}%`,
            fontSize: 11,
            color: "text.secondary",
            lineHeight: 1,
            pointerEvents: "none",
          }}
        >
          {year}
        </Box>
      ))}
      <Box
        ref={thumbRef}
        sx={{
          position: "absolute",
          right: 0,
          width: compact ? 6 : 28,
          height: compact ? 32 : 3,
          marginTop: compact ? "-16px" : 0,
          top: 0,
          bgcolor: "primary.main",
          borderRadius: 2,
          pointerEvents: "none",
        }}
      />
      {hover && (
        <Box
          sx={{
            position: "absolute",
            right: width - 4,
            top: hover.y,
            transform: "translateY(-50%)",
            px: 1,
            py: 0.5,
            borderRadius: 1,
            bgcolor: "background.paper",
            boxShadow: 3,
            fontSize: 13,
            whiteSpace: "nowrap",
            pointerEvents: "none",
          }}
        >
          {hover.label}
        </Box>
      )}
    </Box>
  );
}
