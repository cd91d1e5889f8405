"""The built web app at `/`: files, SPA fallback, caching, CSP, and the page before a build."""

from __future__ import annotations

import pytest

from tests.factories import assert_error

INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js">'


@pytest.fixture
def static_dir(tmp_path):
    root = tmp_path / "static"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(INDEX + "</script></head><body></body></html>")
    (root / "assets" / "index-abc123.js").write_text("console.log('app')")
    (root / "assets" / "index-abc123.css").write_text("body{margin:0}")
    (root / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    return root


@pytest.fixture
def ui_client(make_app, config, static_dir):
    return make_app(config.with_overrides(static_dir=static_dir)).test_client()


def _csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


def test_index_and_client_routes_answer_the_app(ui_client):
    for path in ("/", "/index.html", "/photos/123", "/settings", "/trash", "/albums/x/y"):
        response = ui_client.get(path)
        assert response.status_code == 200, path
        assert response.mimetype == "text/html"
        assert INDEX in response.get_data(as_text=True)
        assert response.headers["Cache-Control"] == "no-cache"


def test_hashed_assets_are_immutable_and_typed(ui_client):
    js = ui_client.get("/assets/index-abc123.js")
    assert js.status_code == 200 and js.get_data(as_text=True) == "console.log('app')"
    assert js.mimetype in {"text/javascript", "application/javascript"}
    assert js.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert js.headers["X-Content-Type-Options"] == "nosniff"
    css = ui_client.get("/assets/index-abc123.css")
    assert css.mimetype == "text/css" and "immutable" in css.headers["Cache-Control"]
    icon = ui_client.get("/favicon.svg")
    assert icon.status_code == 200 and icon.headers["Cache-Control"] == "no-cache"
    assert_error(ui_client.get("/assets/missing-000.js"), 404)


def test_api_paths_never_fall_back(ui_client):
    assert_error(ui_client.get("/api/v1/does-not-exist"), 404, "not_found")
    assert_error(ui_client.get("/api"), 404, "not_found")
    wrong = ui_client.get("/api/v1/auth/login")
    assert_error(wrong, 405, "method_not_allowed")
    assert "POST" in wrong.headers["Allow"]
    assert ui_client.get("/api/v1/health").json["status"] == "ok"


def test_paths_outside_the_build_are_not_served(ui_client, static_dir):
    (static_dir.parent / "secret.txt").write_text("do not serve")
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"):
        response = ui_client.get(path)
        assert "do not serve" not in response.get_data(as_text=True), path


def test_html_carries_a_csp_without_inline_script(ui_client):
    csp = _csp(ui_client.get("/photos/1"))
    assert csp["default-src"] == "default-src 'self'"
    assert csp["script-src"] == "script-src 'self'"
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["img-src"] == "img-src 'self' blob: data:"
    assert csp["worker-src"] == "worker-src 'self' blob:"
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["object-src"] == "object-src 'none'" and csp["base-uri"] == "base-uri 'self'"
    assert csp["connect-src"] == "connect-src 'self'"


def test_scripts_carry_the_worker_csp_that_allows_webassembly_only(ui_client):
    # A dedicated worker runs under its own script's CSP; hash-wasm compiles WebAssembly.
    csp = _csp(ui_client.get("/assets/index-abc123.js"))
    assert csp["script-src"] == "script-src 'self' 'wasm-unsafe-eval'"
    assert csp["default-src"] == "default-src 'none'"
    assert "connect-src" not in csp
    assert "'unsafe-eval'" not in " ".join(csp.values())
    page = _csp(ui_client.get("/"))
    assert "wasm-unsafe-eval" not in page["script-src"]
    api = _csp(ui_client.get("/api/v1/health"))
    assert api == {
        "default-src": "default-src 'none'",
        "frame-ancestors": "frame-ancestors 'none'",
        "base-uri": "base-uri 'none'",
        "form-action": "form-action 'none'",
    }
    css = _csp(ui_client.get("/assets/index-abc123.css"))
    assert "script-src" not in css


def test_csp_allows_the_s3_endpoint_origin(make_app, config, static_dir):
    s3 = config.with_overrides(
        static_dir=static_dir, media_bucket="media", s3_endpoint_url="http://127.0.0.1:9000/x/"
    )
    csp = _csp(make_app(s3).test_client().get("/"))
    for name in ("img-src", "media-src", "connect-src"):
        assert csp[name].endswith(" http://127.0.0.1:9000"), csp[name]


def test_without_a_build_the_root_explains_how_to_build(make_app, config, tmp_path):
    client = make_app(config.with_overrides(static_dir=tmp_path / "nothing")).test_client()
    for path in ("/", "/photos/1"):
        response = client.get(path)
        assert response.status_code == 503 and response.mimetype == "text/html"
        assert "scripts/run" in response.get_data(as_text=True)
    assert_error(client.get("/api/v1/nope"), 404, "not_found")


def test_default_static_dir_is_the_checkouts_static_folder():
    from pathlib import Path

    import mediabox
    from mediabox.api.spa import default_static_dir

    assert default_static_dir() == Path(mediabox.__file__).resolve().parents[1] / "static"
