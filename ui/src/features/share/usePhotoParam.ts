/** The open photo as `?photo=<id>` in the URL: Back closes the viewer, ←/→ replace the entry. */
import { useCallback, useEffect, useRef, useState } from "react";

function readParam(): string | null {
  return new URLSearchParams(window.location.search).get("photo");
}

function urlWith(id: string | null): string {
  const params = new URLSearchParams(window.location.search);
  if (id) params.set("photo", id);
  else params.delete("photo");
  const query = params.toString();
  return `${window.location.pathname}${query ? `?${query}` : ""}`;
}

export function usePhotoParam() {
  const [openId, setOpenId] = useState<string | null>(readParam);
  const pushed = useRef(false);

  useEffect(() => {
    const onPop = () => {
      pushed.current = false;
      setOpenId(readParam());
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const open = useCallback((id: string) => {
    window.history.pushState(null, "", urlWith(id));
    pushed.current = true;
    setOpenId(id);
  }, []);
  const go = useCallback((id: string) => {
    window.history.replaceState(null, "", urlWith(id));
    setOpenId(id);
  }, []);
  const close = useCallback(() => {
    if (pushed.current) {
      window.history.back();
    } else {
      window.history.replaceState(null, "", urlWith(null));
      setOpenId(null);
    }
  }, []);
  return { openId, open, go, close };
}
