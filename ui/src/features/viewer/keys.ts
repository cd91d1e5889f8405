/** The viewer's keyboard shortcuts: a key event in, an action (or nothing) out. */

export type ViewerAction =
  | "prev"
  | "next"
  | "close"
  | "info"
  | "favorite"
  | "trash"
  | "shortcuts"
  | "download"
  | "zoomIn"
  | "zoomOut"
  | "zoomReset";

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The element the event came from; typing in a field is never a shortcut. */
  target?: EventTarget | null;
}

const PLAIN: Record<string, ViewerAction> = {
  ArrowLeft: "prev",
  ArrowRight: "next",
  Escape: "close",
  i: "info",
  I: "info",
  f: "favorite",
  F: "favorite",
  Delete: "trash",
  "?": "shortcuts",
  d: "download",
  D: "download",
  "+": "zoomIn",
  "=": "zoomIn",
  "-": "zoomOut",
  "0": "zoomReset",
};

function isTextField(target: EventTarget | null | undefined): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== "string") return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  return tag === "input" || tag === "textarea" || tag === "select" || element.isContentEditable;
}

/** The action for a key press, or null when it is not a viewer shortcut. */
export function actionForKey(event: KeyLike): ViewerAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTextField(event.target)) return null;
  return PLAIN[event.key] ?? null;
}

/** What the shortcuts dialog lists, in order: the keys shown and the action's label key. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: ViewerAction }> = [
  { keys: ["←", "→"], action: "prev" },
  { keys: ["Esc"], action: "close" },
  { keys: ["I"], action: "info" },
  { keys: ["F"], action: "favorite" },
  { keys: ["Del"], action: "trash" },
  { keys: ["D"], action: "download" },
  { keys: ["+", "−", "0"], action: "zoomIn" },
  { keys: ["?"], action: "shortcuts" },
];
