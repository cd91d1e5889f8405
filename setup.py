"""Packaging lives in setup.cfg; this only maps the top-level migrations/ and the built UI
(static/, from `vite build`) into the package as mediabox.migrations and mediabox/static.

A fresh clone has no static/ until the UI is built (scripts/run and scripts/test install the
package first, then build): the web app is packaged only when it exists.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
HAS_UI = (HERE / "static" / "index.html").is_file()

setup(
    packages=[
        *find_packages(include=["mediabox", "mediabox.*"]),
        "mediabox.migrations",
        "mediabox.migrations.versions",
        *(["mediabox.static"] if HAS_UI else []),
    ],
    package_dir={
        "mediabox.migrations": "migrations",
        "mediabox.migrations.versions": "migrations/versions",
        **({"mediabox.static": "static"} if HAS_UI else {}),
    },
)
