"""The lighter qtpy enum promotion of the desktop window: every enum member pywebview's Qt
backend reads by its unscoped (PyQt5) name resolves as it does with qtpy's full promotion,
and the classes left out really are left without their unscoped names (the saving is real)."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PyQt6.QtWidgets", reason="the desktop extra (PyQt6) is not installed")
pytest.importorskip("webview", reason="the desktop extra (pywebview) is not installed")

# `QtCore.Qt.LeftButton`, `QMessageBox.Ok`, `QtCore.QEvent.Move`: a Qt class, then a name
# starting with an upper-case letter that is not itself a class or scoped enum path.
ACCESS = re.compile(r"\b(?:QtCore\.)?(Q[A-Za-z]*|Qt)\.([A-Z][A-Za-z0-9_]*)\b(?!\.)")

PROBE = """
import json, sys
from mediabox.launch.qt_enums import lighten_enum_promotion
if sys.argv[2] == "light":
    assert lighten_enum_promotion(), "the checked versions should be installed here"
import webview.platforms.qt as backend
from qtpy import QtCore, QtWidgets
names = json.loads(sys.argv[1])
missing = []
for owner, name in names:
    klass = getattr(backend, owner, None) or getattr(QtCore, owner, None)
    if klass is None or isinstance(getattr(klass, name, None), type):
        continue  # not a Qt class of these modules, or a nested class/enum type
    if not hasattr(klass, name):
        missing.append(f"{owner}.{name}")
left_out = hasattr(QtWidgets.QSizePolicy, "Expanding")
print(json.dumps({"missing": missing, "left_out_promoted": left_out}))
"""


def _unscoped_names() -> list[tuple[str, str]]:
    source = Path(importlib.util.find_spec("webview.platforms.qt").origin).read_text()
    return sorted(set(ACCESS.findall(source)))


def _probe(names: list[tuple[str, str]], promotion: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(names), promotion],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_unscoped_enum_name_pywebview_reads_still_resolves():
    names = _unscoped_names()
    assert ("Qt", "WindowMaximized") in names and ("QMessageBox", "Ok") in names
    full, light = _probe(names, "full"), _probe(names, "light")
    # (a name in a comment of pywebview's may be missing with both)
    assert light["missing"] == full["missing"]
    assert ("Qt", "WindowMaximized") not in full["missing"]
    assert full["left_out_promoted"] is True
    assert light["left_out_promoted"] is False
