"""The .deb's Depends: the Debian packages of what the bundle loads from the system.

`python packaging/deb_depends.py dist/mediabox` prints a Depends value. It takes every shared
library the bundle's executables and libraries load from outside the bundle (`ldd` with the
bundle's folder first on the library path, as its bootloader sets it), the GTK window's
libraries and the typelibs pywebview's GTK backend asks for when the bundle has PyGObject (they
are loaded at run time, not linked), and asks dpkg which package installed each file."""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys
from pathlib import Path

from system_gtk import WINDOW_LIBRARIES, _resolve

# The typelibs pywebview's GTK backend requires (gi.require_version) and what WebKit2 needs.
WINDOW_TYPELIBS = ["Gtk-3.0", "Gdk-3.0", "GLib-2.0", "Gio-2.0", "GObject-2.0", "WebKit2-4.1",
                   "Soup-3.0", "JavaScriptCore-4.1"]  # fmt: skip
_LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(\S+)")


def main() -> None:
    bundle = Path(sys.argv[1]).resolve()
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    files: set[str] = set()
    missing: set[str] = set()
    for path in sorted(p for p in bundle.rglob("*") if p.is_file() and _is_elf(p)):
        out = subprocess.run(  # noqa: S603 - ldd on the bundle's own files
            ["/usr/bin/ldd", str(path)], capture_output=True, text=True, env=env
        ).stdout
        for name, target in (m.groups() for m in map(_LDD_LINE.match, out.splitlines()) if m):
            if target == "not":
                missing.add(name)
            elif not target.startswith(str(bundle)):
                files.add(target)
    if (internal / "gi").is_dir():
        files.update(filter(None, (_resolve(name) for name in WINDOW_LIBRARIES)))
        for namespace in WINDOW_TYPELIBS:
            files.update(glob.glob(f"/usr/lib/*/girepository-1.0/{namespace}.typelib"))
    if missing:
        names = " ".join(sorted(missing))
        print(f"deb_depends: not found on this system: {names}", file=sys.stderr)
    print(", ".join(sorted(_packages(files))))


def _packages(files: set[str]) -> set[str]:
    """dpkg's package of each file (tried as found, resolved, and with or without /usr)."""
    spellings = {path: _spellings(path) for path in files}
    every = sorted({s for group in spellings.values() for s in group})
    found = subprocess.run(  # noqa: S603 - one query for all (dpkg -S PATH...)
        ["/usr/bin/dpkg", "-S", *every], capture_output=True, text=True
    ).stdout
    owners: dict[str, list[str]] = {}
    for line in found.splitlines():
        names, _, owned = line.partition(": ")
        if owned and not line.startswith("diversion "):
            owners[owned.strip()] = [n.strip().split(":")[0] for n in names.split(",")]
    packages = set()
    for path, group in sorted(spellings.items()):
        hit = next((owners[s] for s in group if s in owners), None)
        if hit is None:
            print(f"deb_depends: no package owns {path}", file=sys.stderr)
        else:
            packages.update(hit)
    return packages


def _spellings(path: str) -> list[str]:
    real = os.path.realpath(path)
    spellings = []
    for candidate in (path, real):
        spellings.append(candidate)
        if candidate.startswith("/usr/"):
            spellings.append(candidate[len("/usr") :])
        else:
            spellings.append("/usr" + candidate)
    return list(dict.fromkeys(spellings))


def _is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


if __name__ == "__main__":
    main()
