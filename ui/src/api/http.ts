/** Low-level HTTP for the API: cookies + CSRF double-submit, one silent refresh on a 401. */

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** An API failure carrying the common error shape (SPEC §4). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds from a 429's Retry-After header, when given. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    let body: unknown;
    try {
      body = await response.clone().json();
    } catch {
      body = undefined;
    }
    return ApiError.fromBody(response, body);
  }

  /** From a response whose body was already read (openapi-fetch parses error bodies itself). */
  static fromBody(response: Response, body: unknown): ApiError {
    const error = (body as Partial<ErrorBody> | undefined)?.error;
    const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
    return new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? (response.statusText || "Request failed"),
      error?.details,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }
}

export function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(";")) {
    const item = part.trim();
    if (item.startsWith(prefix)) return decodeURIComponent(item.slice(prefix.length));
  }
  return undefined;
}

export const ACCESS_CSRF_COOKIE = "csrf_access_token";
export const REFRESH_CSRF_COOKIE = "csrf_refresh_token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const REFRESH_PATH = "/api/v1/auth/refresh";
const NO_RETRY_PATHS = [REFRESH_PATH, "/api/v1/auth/login", "/api/v1/auth/logout"];

function withCsrf(request: Request, cookieName = ACCESS_CSRF_COOKIE): Request {
  if (SAFE_METHODS.has(request.method)) return request;
  const token = readCookie(cookieName);
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set("X-CSRF-TOKEN", token);
  return new Request(request, { headers });
}

type Listener = () => void;
const sessionEndedListeners = new Set<Listener>();
type TokensListener = (expiresInSeconds: number) => void;
const tokensListeners = new Set<TokensListener>();

/** Called when a refresh fails: the session is over and the app should show sign-in. */
export function onSessionEnded(listener: Listener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

function endSession(): void {
  sessionEndedListeners.forEach((listener) => listener());
}

/** Called whenever new tokens arrive (sign-in or refresh) with their `expires_in`. */
export function onTokensIssued(listener: TokensListener): () => void {
  tokensListeners.add(listener);
  return () => tokensListeners.delete(listener);
}

/** Announce fresh tokens (the sign-in response calls this; refreshes do it themselves). */
export function noteTokensIssued(expiresInSeconds: number): void {
  tokensListeners.forEach((listener) => listener(expiresInSeconds));
}

/** True when the browser holds a session's readable CSRF cookies (so /auth/me can succeed). */
export function hasSessionCookies(): boolean {
  return !!readCookie(ACCESS_CSRF_COOKIE) || !!readCookie(REFRESH_CSRF_COOKIE);
}

let refreshInFlight: Promise<boolean> | null = null;

async function postRefresh(fetchImpl: typeof fetch): Promise<boolean> {
  const url = new URL(REFRESH_PATH, window.location.origin);
  const request = withCsrf(
    new Request(url, { method: "POST", credentials: "same-origin" }),
    REFRESH_CSRF_COOKIE,
  );
  const response = await fetchImpl(request);
  if (!response.ok) return false;
  try {
    const body = (await response.json()) as { expires_in?: number };
    if (typeof body.expires_in === "number") noteTokensIssued(body.expires_in);
  } catch {
    // A refresh without a body still set new cookies.
  }
  return true;
}

/**
 * Refresh the access cookie once; concurrent callers share the same attempt. Across tabs the
 * attempts are serialised with a Web Lock, and a tab that waited finds the rotation already
 * done (the refresh CSRF cookie changed) instead of replaying a used refresh token.
 */
export function refreshSession(fetchImpl: typeof fetch = fetch): Promise<boolean> {
  if (!refreshInFlight) {
    const before = readCookie(REFRESH_CSRF_COOKIE);
    const attempt = async () => {
      const now = readCookie(REFRESH_CSRF_COOKIE);
      if (now && now !== before && readCookie(ACCESS_CSRF_COOKIE)) return true;
      return postRefresh(fetchImpl);
    };
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    const run = locks ? locks.request("mediabox.refresh", attempt) : attempt();
    refreshInFlight = Promise.resolve(run)
      .catch(() => false)
      .finally(() => {
        refreshInFlight = null;
      });
  }
  return refreshInFlight;
}

/**
 * fetch for the API client: adds the CSRF header, and on a 401 refreshes the session once and
 * retries the request once. A second 401 (or a failed refresh) ends the session; never a loop.
 */
export function createAuthFetch(fetchImpl: typeof fetch = (...args) => fetch(...args)) {
  return async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const original = new Request(input, { credentials: "same-origin", ...init });
    const retryCopy = original.clone();
    const response = await fetchImpl(withCsrf(original));
    const path = new URL(original.url, window.location.origin).pathname;
    if (response.status !== 401 || NO_RETRY_PATHS.includes(path)) return response;
    const refreshed = await refreshSession(fetchImpl);
    if (!refreshed) {
      endSession();
      return response;
    }
    const retried = await fetchImpl(withCsrf(retryCopy));
    if (retried.status === 401) endSession();
    return retried;
  };
}
