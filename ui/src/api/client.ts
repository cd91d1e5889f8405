/** The typed API client, generated from /api/v1/openapi.json (see `npm run gen:api`). */
import createClient from "openapi-fetch";
import type { paths, components } from "./schema";
import { ApiError, createAuthFetch } from "./http";

export type Schemas = components["schemas"];

export const api = createClient<paths>({ baseUrl: "", fetch: createAuthFetch() });

/** Unwrap an openapi-fetch result: the data, or an ApiError in the common error shape. */
export async function unwrap<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await promise;
  if (!response.ok) throw ApiError.fromBody(response, error);
  return data as T;
}
