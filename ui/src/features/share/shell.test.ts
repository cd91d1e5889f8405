import { describe, expect, it } from "vitest";
import { endedReason, readShellState, tokenFromPath } from "./shell";
import { neighbours } from "./viewerAsset";
import { messageFor } from "./PasswordForm";
import { ApiError } from "../../api/http";

function docWith(state: string | null): Document {
  const doc = document.implementation.createHTMLDocument("x");
  if (state !== null) {
    const meta = doc.createElement("meta");
    meta.name = "mediabox-share-state";
    meta.content = state;
    doc.head.appendChild(meta);
  }
  return doc;
}

describe("the share shell", () => {
  it("reads the state the server put in the page", () => {
    expect(readShellState(docWith("locked"))).toBe("locked");
    expect(readShellState(docWith("share_revoked"))).toBe("share_revoked");
    expect(readShellState(docWith("<script>"))).toBe("open");
    expect(readShellState(docWith(null))).toBe("open");
  });

  it("takes the token from /s/<token>", () => {
    expect(tokenFromPath("/s/abc-DEF_123")).toBe("abc-DEF_123");
    expect(tokenFromPath("/s/abc/extra")).toBe("abc");
    expect(tokenFromPath("/photos/1")).toBe("");
  });

  it("maps API errors to ended pages", () => {
    expect(endedReason("share_view_limit", 410)).toBe("share_view_limit");
    expect(endedReason("share_not_found", 404)).toBe("share_not_found");
    expect(endedReason("not_found", 404)).toBe("share_not_found");
    expect(endedReason("gone", 410)).toBe("share_expired");
    expect(endedReason("internal_error", 500)).toBeNull();
  });

  it("finds neighbours in grid order", () => {
    expect(neighbours(["a", "b", "c"], "b")).toEqual({ prev: "a", next: "c" });
    expect(neighbours(["a", "b", "c"], "a")).toEqual({ prev: null, next: "b" });
    expect(neighbours(["a"], "z")).toEqual({ prev: null, next: null });
  });

  it("explains unlock failures", () => {
    expect(messageFor(new ApiError(401, "wrong_password", "Wrong password."))).toEqual([
      "locked.wrong",
      {},
    ]);
    expect(messageFor(new ApiError(429, "rate_limited", "Slow down", undefined, 42))).toEqual([
      "locked.rateLimited",
      { count: 42 },
    ]);
    expect(messageFor(new ApiError(429, "rate_limited", "Slow down"))[0]).toBe(
      "locked.rateLimitedSoon",
    );
    expect(messageFor(new TypeError("fetch failed"))[0]).toBe("errors.network");
  });
});
