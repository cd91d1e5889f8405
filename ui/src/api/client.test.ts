import { describe, expect, it } from "vitest";
import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { ApiError } from "./http";
import { unwrap } from "./client";

describe("unwrap", () => {
  it("turns an error body that openapi-fetch already read into an ApiError", async () => {
    const fetchImpl = async () =>
      new Response(
        JSON.stringify({ error: { code: "invalid_credentials", message: "Wrong email or password." } }),
        { status: 401, statusText: "UNAUTHORIZED", headers: { "Content-Type": "application/json" } },
      );
    const client = createClient<paths>({ baseUrl: window.location.origin, fetch: fetchImpl });
    const failure = unwrap(
      client.POST("/api/v1/auth/login", { body: { email: "a@b.c", password: "x" } }),
    );
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({
      status: 401,
      code: "invalid_credentials",
      message: "Wrong email or password.",
    });
  });

  it("returns the data of a success", async () => {
    const fetchImpl = async () =>
      new Response(JSON.stringify({ setup_required: true, registration_open: true }), {
        status: 200,
        headers: { "Content-Type": "application/json" },
      });
    const client = createClient<paths>({ baseUrl: window.location.origin, fetch: fetchImpl });
    expect(await unwrap(client.GET("/api/v1/auth/setup"))).toEqual({
      setup_required: true,
      registration_open: true,
    });
  });
});
