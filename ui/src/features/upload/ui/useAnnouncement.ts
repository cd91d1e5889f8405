/**
 * A polite live-region text that does not chatter: while uploads run it changes at most once
 * every ANNOUNCE_MS; the outcome (nothing active any more) is announced at once.
 */
import { useEffect, useRef, useState } from "react";

export const ANNOUNCE_MS = 15_000;

export function useAnnouncement(text: string, active: boolean): string {
  const [announced, setAnnounced] = useState(text);
  const last = useRef(0);
  useEffect(() => {
    if (text === announced) return;
    const wait = active ? Math.max(0, last.current + ANNOUNCE_MS - Date.now()) : 0;
    const timer = window.setTimeout(() => {
      last.current = Date.now();
      setAnnounced(text);
    }, wait);
    return () => window.clearTimeout(timer);
  }, [text, active, announced]);
  return announced;
}
