"""Packaging lives in setup.cfg; this only maps the top-level migrations/ into the package."""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["mediabox", "mediabox.*"]),
        "mediabox.migrations",
        "mediabox.migrations.versions",
    ],
    package_dir={
        "mediabox.migrations": "migrations",
        "mediabox.migrations.versions": "migrations/versions",
    },
)
