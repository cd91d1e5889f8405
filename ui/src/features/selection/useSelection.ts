/** Selection state for a grid page, with Ctrl+A / Esc, and the helpers tiles need. */
import { useCallback, useEffect, useMemo, useState } from "react";
import { addRange, emptySelection, selectAll, toggle, toggleGroup, type Selection } from "./model";

export interface SelectionApi {
  selection: Selection;
  count: number;
  selecting: boolean;
  toggle(id: string): void;
  /** Shift+click: everything from the anchor to `id`; `between` gives the host's order. */
  extend(id: string, between: (anchor: string, id: string) => Promise<string[]> | string[]): Promise<void>;
  toggleGroup(ids: readonly string[]): void;
  selectAll(ids: Iterable<string>): void;
  clear(): void;
}

interface Options {
  /** Ids for Ctrl+A. */
  allIds(): Iterable<string>;
  /** Keyboard shortcuts are off while e.g. the viewer is open. */
  keyboard: boolean;
}

export function useSelection({ allIds, keyboard }: Options): SelectionApi {
  const [selection, setSelection] = useState<Selection>(emptySelection);

  const extend = useCallback(
    async (id: string, between: (anchor: string, id: string) => Promise<string[]> | string[]) => {
      const anchor = selection.anchor;
      if (!anchor) {
        setSelection((current) => toggle(current, id));
        return;
      }
      const range = await between(anchor, id);
      setSelection((current) => addRange(current, id, range));
    },
    [selection.anchor],
  );

  useEffect(() => {
    if (!keyboard) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      if (event.key === "Escape") setSelection((current) => (current.ids.size ? emptySelection : current));
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "a") {
        event.preventDefault();
        setSelection(selectAll(allIds()));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [keyboard, allIds]);

  return useMemo(
    () => ({
      selection,
      count: selection.ids.size,
      selecting: selection.ids.size > 0,
      toggle: (id: string) => setSelection((current) => toggle(current, id)),
      extend,
      toggleGroup: (ids: readonly string[]) => setSelection((current) => toggleGroup(current, ids)),
      selectAll: (ids: Iterable<string>) => setSelection(selectAll(ids)),
      clear: () => setSelection(emptySelection),
    }),
    [selection, extend],
  );
}
