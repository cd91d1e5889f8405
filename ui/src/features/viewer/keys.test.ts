import { describe, expect, it } from "vitest";
import { actionForKey, SHORTCUTS } from "./keys";

describe("actionForKey", () => {
  it("maps the viewer's keys", () => {
    expect(actionForKey({ key: "ArrowLeft" })).toBe("prev");
    expect(actionForKey({ key: "ArrowRight" })).toBe("next");
    expect(actionForKey({ key: "Escape" })).toBe("close");
    expect(actionForKey({ key: "i" })).toBe("info");
    expect(actionForKey({ key: "I" })).toBe("info");
    expect(actionForKey({ key: "f" })).toBe("favorite");
    expect(actionForKey({ key: "Delete" })).toBe("trash");
    expect(actionForKey({ key: "?" })).toBe("shortcuts");
    expect(actionForKey({ key: "d" })).toBe("download");
    expect(actionForKey({ key: "+" })).toBe("zoomIn");
    expect(actionForKey({ key: "-" })).toBe("zoomOut");
    expect(actionForKey({ key: "0" })).toBe("zoomReset");
  });
  it("ignores other keys and modified presses (Ctrl+F is the browser's find)", () => {
    expect(actionForKey({ key: "x" })).toBeNull();
    expect(actionForKey({ key: "Enter" })).toBeNull();
    expect(actionForKey({ key: "f", ctrlKey: true })).toBeNull();
    expect(actionForKey({ key: "ArrowLeft", altKey: true })).toBeNull();
    expect(actionForKey({ key: "i", metaKey: true })).toBeNull();
  });
  it("never fires while typing in a field", () => {
    const input = document.createElement("input");
    const textarea = document.createElement("textarea");
    expect(actionForKey({ key: "f", target: input })).toBeNull();
    expect(actionForKey({ key: "Delete", target: textarea })).toBeNull();
    expect(actionForKey({ key: "f", target: document.createElement("button") })).toBe("favorite");
  });
  it("lists every shortcut it handles in the help", () => {
    const listed = new Set(SHORTCUTS.map((item) => item.action));
    for (const action of ["prev", "close", "info", "favorite", "trash", "download", "shortcuts"]) {
      expect(listed.has(action as never)).toBe(true);
    }
  });
});
