"""API conventions: error shape everywhere, OpenAPI, docs, security headers, CORS, health."""

from __future__ import annotations

from tests.factories import assert_error, sign_up


def test_health(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json["status"] == "ok" and response.json["database"] == "ok"


def test_unknown_route_and_wrong_method_use_the_error_shape(client):
    assert_error(client.get("/api/v1/does-not-exist"), 404, "not_found")
    wrong = client.delete("/api/v1/health")
    assert_error(wrong, 405, "method_not_allowed")
    assert "GET" in wrong.headers["Allow"]


def test_unhandled_exception_becomes_a_500_in_the_error_shape(app):
    app.config["TESTING"] = False
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/api/v1/_boom")
    def _boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/api/v1/_boom")
    error = assert_error(response, 500, "internal_error")
    assert "secret internals" not in error["message"]


def test_security_headers_on_every_response(client):
    for response in (
        client.get("/api/v1/health"),
        client.get("/api/v1/nope"),
        client.get("/api/docs"),
    ):
        headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["Referrer-Policy"] in {"same-origin", "no-referrer"}
        assert headers["X-Frame-Options"] == "DENY"


def test_openapi_document_lists_routes_and_schemas(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    login = spec["paths"]["/api/v1/auth/login"]["post"]
    body_ref = login["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body_ref.endswith("/LoginIn")
    assert set(spec["components"]["schemas"]["LoginIn"]["properties"]) == {"email", "password"}
    assert "429" in login["responses"] and "ErrorOut" in spec["components"]["schemas"]
    for path in (
        "/api/v1/auth/register",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/me",
        "/api/v1/health",
    ):
        assert path in spec["paths"], path


def test_openapi_matches_registered_flask_rules(app, client):
    spec = client.get("/api/v1/openapi.json").json
    documented = {(p, m.upper()) for p, ops in spec["paths"].items() for m in ops}
    rules = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint.startswith(
            ("meta.openapi", "blobs.")
        ):
            continue
        import re

        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        rules |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert rules <= documented, rules - documented


def test_docs_page_renders(client):
    response = client.get("/api/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "/api/v1/auth/login" in response.get_data(as_text=True)


def test_cors_is_closed_by_default(client):
    response = client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_allows_only_configured_origins(make_app, config):
    app = make_app(config.with_overrides(cors_origins=["https://photos.example.com"]))
    client = app.test_client()
    good = client.options(
        "/api/v1/auth/me",
        headers={"Origin": "https://photos.example.com", "Access-Control-Request-Method": "GET"},
    )
    assert good.headers["Access-Control-Allow-Origin"] == "https://photos.example.com"
    assert good.headers["Access-Control-Allow-Credentials"] == "true"
    for origin in (
        "https://evil.example",
        "https://photosXexample.com",
        "https://photos.example.com.evil.example",
        "null",
    ):
        bad = client.get("/api/v1/health", headers={"Origin": origin})
        assert "Access-Control-Allow-Origin" not in bad.headers, origin


def test_json_responses_are_not_cached(client):
    sign_up(client)
    assert client.get("/api/v1/auth/me").headers["Cache-Control"] == "no-store"


def test_nul_characters_are_refused_everywhere(client):
    """PostgreSQL cannot store NUL: every way in answers in the error shape, never a 500."""
    headers = sign_up(client).bearer
    client.delete_cookie("access_token_cookie")
    body = {"email": "a\x00@example.com", "password": "long enough password"}
    error = assert_error(client.post("/api/v1/auth/register", json=body), 400, "validation_error")
    assert error["details"][0]["field"] == "email"
    tag = client.post("/api/v1/tags", json={"name": "a\x00b"}, headers=headers)
    assert_error(tag, 400, "validation_error")
    assert_error(client.get("/api/v1/assets?q=a%00b", headers=headers), 400, "validation_error")
    assert_error(client.get("/api/v1/shares/abc%00def"), 404)
