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
  ) {
    super(message);
    this.name = "ApiError";
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    let body: Partial<ErrorBody> | undefined;
    try {
      body = (await response.clone().json()) as Partial<ErrorBody>;
    } catch {
      body = undefined;
    }
    const error = body?.error;
    return new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? response.statusText ?? "Request failed",
      error?.details,
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

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const REFRESH_PATH = "/api/v1/auth/refresh";
const NO_RETRY_PATHS = [REFRESH_PATH, "/api/v1/auth/login", "/api/v1/auth/logout"];

function withCsrf(request: Request, cookieName = "csrf_access_token"): Request {
  if (SAFE_METHODS.has(request.method)) return request;
  const token = readCookie(cookieName);
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set("X-CSRF-TOKEN", token);
  return new Request(request, { headers });
}

type Listener = () => void;
const sessionEndedListeners = new Set<Listener>();

/** Called when a refresh fails: the session is over and the app should show sign-in. */
export function onSessionEnded(listener: Listener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

let refreshInFlight: Promise<boolean> | null = null;

/** Refresh the access cookie once; concurrent callers share the same attempt. */
export function refreshSession(fetchImpl: typeof fetch = fetch): Promise<boolean> {
  if (!refreshInFlight) {
    const request = withCsrf(
      new Request(REFRESH_PATH, { method: "POST", credentials: "same-origin" }),
      "csrf_refresh_token",
    );
    refreshInFlight = fetchImpl(request)
      .then((response) => response.ok)
      .catch(() => false)
      .finally(() => {
        refreshInFlight = null;
      });
  }
  return refreshInFlight;
}

/**
 * fetch for the API client: adds the CSRF header, and on a 401 refreshes the session once and
 * retries the request once. A second 401 (or a failed refresh) ends the session.
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
      sessionEndedListeners.forEach((listener) => listener());
      return response;
    }
    const retried = await fetchImpl(withCsrf(retryCopy));
    if (retried.status === 401) sessionEndedListeners.forEach((listener) => listener());
    return retried;
  };
}
