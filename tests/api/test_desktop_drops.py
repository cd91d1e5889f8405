"""Files and folders dropped on the desktop window are imported by path (no HTTP copy), on a
background thread, into the owner's library; `GET /desktop/imports` reports the progress to the
owner only, and exists only inside a desktop window.

The drop goes through pywebview's own bridge (`webview.util.js_bridge_call`) with the toolkit's
drop state filled the way its Qt backend fills it, so `pywebviewFullPath` is pywebview's work."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest

from mediabox.api.desktop import install_shell
from mediabox.launch.drops import DropImports, dropped_paths
from tests.factories import assert_error, login, register, sign_up

webview_util = pytest.importorskip("webview.util", reason="the desktop extra is installed")


class Shell:
    focus_token = "f" * 43

    def __init__(self, imports: DropImports):
        self.imports = imports

    def focus(self) -> None:
        pass


@pytest.fixture
def desktop(app):
    imports = DropImports(app)
    install_shell(app, Shell(imports))
    yield imports
    imports.stop(timeout=10)


@pytest.fixture
def folder(tmp_path, testdata) -> Path:
    """Two camera photos and a video in a folder with a space in its name, a nested folder
    with a PNG, a text file and a broken 'jpg' (skipped), and a hidden file (left out)."""
    root = tmp_path / "Summer trip"
    (root / "day 2").mkdir(parents=True)
    for name in ("DSCN0010.jpg", "canon-ixus.jpg"):
        shutil.copy(testdata / "camera" / name, root / name)
    shutil.copy(testdata / "video" / "chaplin.mp4", root / "chaplin.mp4")
    shutil.copy(testdata / "formats" / "tweethog.png", root / "day 2" / "tweethog.png")
    shutil.copy(testdata / "bad" / "not_an_image.jpg", root / "not_an_image.jpg")
    (root / "notes.txt").write_text("not a photo")
    shutil.copy(testdata / "camera" / "Pentax_K10D.jpg", root / ".hidden.jpg")
    return root


def drop_through_pywebview(paths: list[Path], handler) -> None:
    """What the window does on a drop: Qt's dropEvent records (name, path) for each file URL,
    the page's drop listener posts the event, and pywebview's bridge calls the handler."""
    from webview.dom import _dnd_state

    _dnd_state["paths"] += [(quote(p.name), quote(str(p))) for p in paths]
    files = [{"name": p.name, "size": 0, "type": ""} for p in paths]
    document = SimpleNamespace(_event_handlers={"drop": [handler]})
    window = SimpleNamespace(dom=SimpleNamespace(_elements={"document": document}))
    event = {"type": "drop", "dataTransfer": {"files": files, "types": ["Files"]}}
    webview_util.js_bridge_call(
        window, "pywebviewEventHandler", {"event": event, "nodeId": "document"}, "eventHandler"
    )


def wait_for_batch(imports: DropImports, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = imports.status()
        if state["batch"] and not state["active"]:
            return state
        time.sleep(0.05)
    pytest.fail(f"the drop import did not finish: {imports.status()}")


def library(client) -> dict[str, dict]:
    response = client.get("/api/v1/assets?limit=200")
    assert response.status_code == 200
    return {item["original_filename"]: item for item in response.json["items"]}


def test_a_dropped_folder_and_file_are_imported_by_path_into_the_owners_library(
    app, desktop, folder, testdata
):
    owner = sign_up(app.test_client())
    register(app.test_client(), "member@example.com")
    loose = testdata / "camera" / "fujifilm-dx10.jpg"

    drop_through_pywebview([folder, loose], desktop.handle_drop)
    state = wait_for_batch(desktop)

    assert state["imported"] == 5 and state["duplicates"] == 0, state
    assert state["skipped"] == 2 and state["failed"] == 0, state
    assert state["queued"] == 0 and state["current"] is None and not state["scanning"]
    client = app.test_client()
    login(client, owner.email)
    names = library(client)
    assert set(names) == {
        "DSCN0010.jpg",
        "canon-ixus.jpg",
        "chaplin.mp4",
        "tweethog.png",
        "fujifilm-dx10.jpg",
    }
    member = app.test_client()
    login(member, "member@example.com")
    assert library(member) == {}, "the files go to the desktop's owner"
    video = names["chaplin.mp4"]
    source = (folder / "chaplin.mp4").read_bytes()
    assert video["size_bytes"] == len(source)
    assert video["sha256"] == hashlib.sha256(source).hexdigest()
    grant = client.get(f"/api/v1/assets/{video['id']}/download-url?kind=original")
    assert grant.status_code == 200, grant.json
    original = client.get(grant.json["url"])
    assert original.status_code == 200 and original.get_data() == source


def test_dropping_the_same_files_again_counts_duplicates_in_a_new_batch(app, desktop, folder):
    sign_up(app.test_client())
    drop_through_pywebview([folder], desktop.handle_drop)
    first = wait_for_batch(desktop)
    drop_through_pywebview([folder / "DSCN0010.jpg", folder / "gone.jpg"], desktop.handle_drop)
    second = wait_for_batch(desktop)
    assert second["batch"] == first["batch"] + 1
    assert second["imported"] == 0 and second["duplicates"] == 1, second
    assert second["failed"] == 1 and second["failures"] == [
        {"name": "gone.jpg", "reason": "The file or folder no longer exists."}
    ]


def test_a_drop_before_the_first_account_fails_with_a_reason(app, desktop, folder):
    drop_through_pywebview([folder / "DSCN0010.jpg"], desktop.handle_drop)
    state = wait_for_batch(desktop)
    assert state["imported"] == 0 and state["failed"] == 1
    assert "account" in state["failures"][0]["reason"]


def test_files_without_a_full_path_are_ignored():
    assert dropped_paths({"type": "drop", "dataTransfer": {"files": [{"name": "a.jpg"}]}}) == []
    relative = {"dataTransfer": {"files": [{"name": "a.jpg", "pywebviewFullPath": "a.jpg"}]}}
    assert dropped_paths(relative) == []
    assert dropped_paths({"dataTransfer": None}) == [] and dropped_paths([]) == []


def test_progress_is_reported_to_the_owner_only(app, desktop, folder):
    owner = sign_up(app.test_client())
    register(app.test_client(), "member@example.com")
    drop_through_pywebview([folder / "DSCN0010.jpg"], desktop.handle_drop)
    wait_for_batch(desktop)

    anonymous = app.test_client()
    assert_error(anonymous.get("/desktop/imports"), 401)
    member = app.test_client()
    login(member, "member@example.com")
    assert_error(member.get("/desktop/imports"), 403)
    client = app.test_client()
    login(client, owner.email)
    response = client.get("/desktop/imports")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert response.json == {
        "active": False,
        "scanning": False,
        "queued": 0,
        "imported": 1,
        "duplicates": 0,
        "failed": 0,
        "skipped": 0,
        "current": None,
        "batch": 1,
        "failures": [],
    }
    remote = client.get("/desktop/imports", environ_base={"REMOTE_ADDR": "192.168.1.20"})
    assert_error(remote, 404, "not_found")


def test_progress_does_not_exist_outside_a_desktop_window(app):
    owner = sign_up(app.test_client())
    client = app.test_client()
    login(client, owner.email)
    assert_error(client.get("/desktop/imports"), 404, "not_found")


def test_the_share_surface_has_no_desktop_routes(make_app, config):
    share_app = make_app(config, surface="share")
    install_shell(share_app, Shell(DropImports(share_app)))
    assert_error(share_app.test_client().get("/desktop/imports"), 404)
