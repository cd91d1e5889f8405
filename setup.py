"""Packaging lives in setup.cfg; this only maps the top-level migrations/ and the built UI
(static/, from `vite build`) into the package as mediabox.migrations and mediabox/static."""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["mediabox", "mediabox.*"]),
        "mediabox.migrations",
        "mediabox.migrations.versions",
        "mediabox.static",
    ],
    package_dir={
        "mediabox.migrations": "migrations",
        "mediabox.migrations.versions": "migrations/versions",
        "mediabox.static": "static",
    },
)
