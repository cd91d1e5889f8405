"""The window's toolkit choice on Linux (Qt WebEngine, else WebKitGTK only when its typelib is
installed) and where a download lands (never over an existing file)."""

from __future__ import annotations

import importlib.util
import sys
import types

from mediabox.launch import window
from mediabox.launch.toolkits import unique_target


def test_a_second_download_of_the_same_name_gets_a_number(tmp_path):
    assert unique_target(tmp_path, "photo.jpg") == tmp_path / "photo.jpg"
    (tmp_path / "photo.jpg").write_bytes(b"1")
    (tmp_path / "photo (1).jpg").write_bytes(b"2")
    assert unique_target(tmp_path, "photo.jpg") == tmp_path / "photo (2).jpg"
    assert unique_target(tmp_path, "../../etc/passwd") == tmp_path / "passwd"
    assert unique_target(tmp_path, "") == tmp_path / "download"
    (tmp_path / ".hidden").write_bytes(b"3")
    assert unique_target(tmp_path, "archive") == tmp_path / "archive"


def _without_qt(monkeypatch, gi_versions: list[str] | None):
    """find_spec sees no Qt WebEngine; `gi` lists `gi_versions` of WebKit2 (None: no gi)."""
    real = importlib.util.find_spec

    def find_spec(name, *args):
        if name.startswith("PyQt6"):
            return None
        if name == "gi":
            return None if gi_versions is None else object()
        return real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    if gi_versions is not None:
        repository = types.SimpleNamespace(enumerate_versions=lambda _ns: gi_versions)
        gi = types.ModuleType("gi")
        gi.Repository = types.SimpleNamespace(get_default=lambda: repository)
        monkeypatch.setitem(sys.modules, "gi", gi)


def test_gtk_only_with_the_webkit2_typelib(monkeypatch):
    _without_qt(monkeypatch, None)
    assert window._linux_backend() is None
    _without_qt(monkeypatch, [])
    assert window._linux_backend() is None, "PyGObject without WebKit2GTK is no window"
    _without_qt(monkeypatch, ["4.1"])
    assert window._linux_backend() == "gtk"
    _without_qt(monkeypatch, ["4.0"])
    assert window._linux_backend() == "gtk"
