"""`/s/<token>`: the friend's page on both surfaces, its escaped `og:` tags, and on the share
gateway only the share entry's files of the build."""

from __future__ import annotations

import json

import pytest

from mediabox.container import container_of
from tests.factories import make_album, make_asset, make_share, update_asset

SHELL = (
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Mediabox</title>'
    '<script type="module" src="/assets/share-abc.js"></script></head>'
    '<body><div id="root"></div></body></html>'
)
MANIFEST = {
    "share.html": {
        "file": "assets/share-abc.js",
        "isEntry": True,
        "imports": ["_vendor.js"],
        "dynamicImports": ["src/features/share/ShareViewer.tsx"],
        "css": ["assets/share-abc.css"],
    },
    "_vendor.js": {"file": "assets/vendor-def.js"},
    "src/features/share/ShareViewer.tsx": {"file": "assets/ShareViewer-123.js"},
    "index.html": {"file": "assets/index-999.js", "isEntry": True, "imports": ["_vendor.js"]},
}


@pytest.fixture
def static_dir(tmp_path):
    root = tmp_path / "static"
    (root / "assets").mkdir(parents=True)
    (root / ".vite").mkdir()
    (root / "share.html").write_text(SHELL)
    (root / "index.html").write_text("<!doctype html><title>library</title>")
    (root / ".vite" / "manifest.json").write_text(json.dumps(MANIFEST))
    (root / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    for name in ("share-abc.js", "share-abc.css", "vendor-def.js", "ShareViewer-123.js"):
        (root / "assets" / name).write_text(f"/* {name} */")
    (root / "assets" / "index-999.js").write_text("/* the library app */")
    return root


@pytest.fixture
def apps(local_library, make_app, static_dir):
    cfg = container_of(local_library.app).config.with_overrides(static_dir=static_dir)
    return make_app(cfg), make_app(cfg, surface="share")


def _owner_id(library):
    return library.account.user["id"]


def _og(html: str, name: str) -> str | None:
    marker = f'<meta property="og:{name}" content="'
    if marker not in html:
        return None
    return html.split(marker, 1)[1].split('"', 1)[0]


def test_an_album_link_names_its_title_and_cover_escaped_on_both_surfaces(local_library, apps):
    library = local_library
    asset = make_asset(library.app, _owner_id(library))
    album = make_album(library.client, library.account, [asset], title='<b>"Trip"</b> & co')
    token = make_share(library.client, library.account, album_id=album)["token"]
    for app in apps:
        response = app.test_client().get(f"/s/{token}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert "<b>" not in html and '"Trip"' not in html
        assert _og(html, "title") == "&lt;b&gt;&#34;Trip&#34;&lt;/b&gt; &amp; co"
        assert "<title>&lt;b&gt;&#34;Trip&#34;&lt;/b&gt; &amp; co</title>" in html
        assert _og(html, "image").startswith("http://localhost/api/v1/blobs/u/")
        assert 'src="/assets/share-abc.js"' in html
        assert '<meta name="mediabox-share-state" content="open" />' in html
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    views = library.api("GET", "/shares").json["items"][0]["view_count"]
    assert views == 0, "rendering the page counts no view"


def test_a_password_link_page_names_nothing(local_library, apps):
    library = local_library
    asset = make_asset(library.app, _owner_id(library), original_filename="secret-plan.jpg")
    token = make_share(library.client, library.account, asset_id=asset, password="hunter22")[
        "token"
    ]
    html = apps[1].test_client().get(f"/s/{token}").get_data(as_text=True)
    assert _og(html, "title") == "Mediabox"
    assert _og(html, "image") is None and _og(html, "description") is None
    assert "secret-plan" not in html
    assert '<meta name="mediabox-share-state" content="locked" />' in html


def test_unknown_and_ended_links_answer_404_and_410_with_the_shell(local_library, apps):
    library = local_library
    asset = make_asset(library.app, _owner_id(library), original_filename="gone.jpg")
    token = make_share(library.client, library.account, asset_id=asset)["token"]
    client = apps[1].test_client()
    unknown = client.get("/s/" + "x" * 43)
    assert unknown.status_code == 404 and "share-abc.js" in unknown.get_data(as_text=True)
    assert library.api("POST", f"/shares/{token}/revoke").status_code == 200
    revoked = client.get(f"/s/{token}")
    assert revoked.status_code == 410
    assert 'name="mediabox-share-state" content="share_revoked"' in revoked.get_data(as_text=True)
    assert 'content="share_not_found"' in unknown.get_data(as_text=True)
    assert "gone.jpg" not in revoked.get_data(as_text=True)
    assert _og(revoked.get_data(as_text=True), "image") is None


def test_a_used_up_link_says_410(local_library, apps):
    library = local_library
    asset = make_asset(library.app, _owner_id(library))
    token = make_share(library.client, library.account, asset_id=asset, max_views=1)["token"]
    visitor = apps[1].test_client()
    assert visitor.get(f"/api/v1/shares/{token}").status_code == 200
    assert visitor.get(f"/s/{token}").status_code == 410


def test_the_gateway_serves_the_share_entry_files_only(apps):
    full, share = (app.test_client() for app in apps)
    for name in ("share-abc.js", "share-abc.css", "vendor-def.js", "ShareViewer-123.js"):
        response = share.get(f"/assets/{name}")
        assert response.status_code == 200, name
        assert "immutable" in response.headers["Cache-Control"]
    assert share.get("/assets/index-999.js").status_code == 404
    assert share.get("/").status_code == 404
    assert share.get("/index.html").status_code == 404
    assert share.get("/favicon.svg").status_code == 200
    assert full.get("/assets/index-999.js").status_code == 200


def test_a_trashed_single_asset_link_is_gone(local_library, apps):
    from datetime import UTC, datetime

    library = local_library
    asset = make_asset(library.app, _owner_id(library))
    token = make_share(library.client, library.account, asset_id=asset)["token"]
    update_asset(library.app, asset, deleted_at=datetime.now(UTC))
    assert apps[0].test_client().get(f"/s/{token}").status_code == 410
