import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  createAuthFetch,
  hasSessionCookies,
  onSessionEnded,
  onTokensIssued,
  refreshSession,
} from "./http";

const origin = () => window.location.origin;
const url = (path: string) => `${origin()}${path}`;

function setCookie(name: string, value: string) {
  document.cookie = `${name}=${value}; path=/`;
}

function clearCookies() {
  for (const part of document.cookie.split(";")) {
    const name = part.split("=")[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

const unauthorized = () => json(401, { error: { code: "token_expired", message: "Expired" } });

/** A fake server: `/auth/refresh` answers `refreshStatus`; other paths 401 until refreshed. */
function fakeServer(refreshStatus: number) {
  let refreshed = false;
  const calls: Request[] = [];
  const impl = vi.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    calls.push(request);
    const path = new URL(request.url).pathname;
    if (path === "/api/v1/auth/refresh") {
      await new Promise((resolve) => setTimeout(resolve, 5));
      refreshed = refreshStatus === 200;
      return refreshed ? json(200, { expires_in: 900 }) : unauthorized();
    }
    return refreshed ? json(200, { ok: path }) : unauthorized();
  });
  const refreshes = () =>
    calls.filter((r) => new URL(r.url).pathname === "/api/v1/auth/refresh").length;
  return { impl: impl as unknown as typeof fetch, calls, refreshes };
}

describe("createAuthFetch", () => {
  beforeEach(() => {
    clearCookies();
    setCookie("csrf_access_token", "access-csrf");
    setCookie("csrf_refresh_token", "refresh-csrf");
  });
  afterEach(clearCookies);

  it("refreshes once for concurrent 401s and retries each request once", async () => {
    const server = fakeServer(200);
    const authFetch = createAuthFetch(server.impl);
    const responses = await Promise.all([
      authFetch(url("/api/v1/assets")),
      authFetch(url("/api/v1/jobs")),
      authFetch(url("/api/v1/auth/me")),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(server.refreshes()).toBe(1);
    // 3 first tries + 1 refresh + 3 retries
    expect(server.calls).toHaveLength(7);
  });

  it("ends the session without looping when the refresh fails", async () => {
    const server = fakeServer(401);
    const ended = vi.fn();
    const stop = onSessionEnded(ended);
    const authFetch = createAuthFetch(server.impl);
    const response = await authFetch(url("/api/v1/assets"));
    stop();
    expect(response.status).toBe(401);
    expect(server.refreshes()).toBe(1);
    expect(server.calls).toHaveLength(2);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("does not retry a request that still answers 401 after a good refresh", async () => {
    const calls: string[] = [];
    const impl = (async (input: RequestInfo | URL) => {
      const path = new URL((input as Request).url).pathname;
      calls.push(path);
      return path === "/api/v1/auth/refresh" ? json(200, { expires_in: 900 }) : unauthorized();
    }) as typeof fetch;
    const ended = vi.fn();
    const stop = onSessionEnded(ended);
    const response = await createAuthFetch(impl)(url("/api/v1/assets"));
    stop();
    expect(response.status).toBe(401);
    expect(calls).toEqual(["/api/v1/assets", "/api/v1/auth/refresh", "/api/v1/assets"]);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("never refreshes for a failed sign-in", async () => {
    const server = fakeServer(200);
    const response = await createAuthFetch(server.impl)(url("/api/v1/auth/login"), {
      method: "POST",
    });
    expect(response.status).toBe(401);
    expect(server.refreshes()).toBe(0);
  });

  it("sends the CSRF header on unsafe methods only, the refresh one on refresh", async () => {
    const server = fakeServer(200);
    const authFetch = createAuthFetch(server.impl);
    await authFetch(url("/api/v1/assets/1"), { method: "PATCH", body: "{}" });
    const [patch, refresh, retry] = server.calls;
    expect(patch.headers.get("X-CSRF-TOKEN")).toBe("access-csrf");
    expect(refresh.headers.get("X-CSRF-TOKEN")).toBe("refresh-csrf");
    expect(retry.method).toBe("PATCH");
    expect(retry.headers.get("X-CSRF-TOKEN")).toBe("access-csrf");
    expect(await retry.text()).toBe("{}");
    await authFetch(url("/api/v1/assets"));
    expect(server.calls.at(-1)!.headers.get("X-CSRF-TOKEN")).toBeNull();
  });

  it("announces the new expiry after a refresh", async () => {
    const server = fakeServer(200);
    const issued = vi.fn();
    const stop = onTokensIssued(issued);
    expect(await refreshSession(server.impl)).toBe(true);
    stop();
    expect(issued).toHaveBeenCalledWith(900);
  });
});

describe("session cookies and errors", () => {
  afterEach(clearCookies);

  it("knows whether a session's CSRF cookies are present", () => {
    clearCookies();
    expect(hasSessionCookies()).toBe(false);
    setCookie("csrf_refresh_token", "x");
    expect(hasSessionCookies()).toBe(true);
  });

  it("reads the common error shape and Retry-After", async () => {
    const error = await ApiError.fromResponse(
      json(429, { error: { code: "rate_limited", message: "Slow down" } }, { "Retry-After": "42" }),
    );
    expect([error.status, error.code, error.message, error.retryAfter]).toEqual([
      429,
      "rate_limited",
      "Slow down",
      42,
    ]);
  });
});
