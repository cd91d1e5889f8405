"""Keep the Linux bundle small and its window on the system's WebKitGTK (used by mediabox.spec).

PyInstaller's PyGObject hooks bundle GTK the way an app that ships its own GTK needs it: the
shared libraries, their typelibs, gdk-pixbuf loaders and GIO modules, plus runtime hooks that
point GTK_PATH, GTK_DATA_PREFIX, GIO_MODULE_DIR, GDK_PIXBUF_MODULE_FILE and GI_TYPELIB_PATH
inside the bundle. Mediabox leans on the system's GTK 3 and WebKit2GTK 4.1 instead (the .deb
depends on them), so this takes all of that back out:

- every shared library that the system's GTK, WebKitGTK or PyGObject's `_gi` extension load
  (the `ldd` closure of those libraries), since the bundle's folder comes first on the
  library path and a bundled copy would be loaded by the system's GTK and WebKit processes;
- the typelibs, loaders, modules and data files the gi hooks collected;
- the gi runtime hooks, so GTK finds its modules, themes, icons and typelibs where the
  system installed them.

PyGObject's Python code and its `_gi` extension stay in the bundle."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

# The system libraries the GTK window loads (sonames); with them go GIO's modules and gdk-pixbuf's
# loaders (and what they load), which GTK finds in the system's folders.
WINDOW_LIBRARIES = [
    "libgtk-3.so.0",
    "libwebkit2gtk-4.1.so.0",
    "libjavascriptcoregtk-4.1.so.0",
    "libsoup-3.0.so.0",
    "libgirepository-1.0.so.1",
]
# What the gi hooks collect as data (destination folders inside the bundle).
GI_DATA = ("gi_typelibs", "share", "etc", "lib/gdk-pixbuf", "gio_modules", "lib/girepository")
GI_RUNTIME_HOOKS = {"pyi_rth_gi", "pyi_rth_gio", "pyi_rth_gdkpixbuf", "pyi_rth_gtk", "pyi_rth_glib"}
_LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(/\S+)")


def leave_gtk_to_the_system(analysis) -> None:
    """Filter `analysis` (a PyInstaller Analysis) in place; a no-op without PyGObject."""
    if not any(name == "gi" for name, _path, _kind in analysis.pure):
        return
    extension = next(
        (src for dest, src, _kind in analysis.binaries if dest.startswith("gi/_gi.")), None
    )
    modules = [src for dest, src, _kind in analysis.binaries if _posix(dest).startswith(GI_DATA)]
    system = _closure([*(_resolve(name) for name in WINDOW_LIBRARIES), extension, *modules])
    names = {Path(path).name for path in system} | set(WINDOW_LIBRARIES)
    real = {os.path.realpath(path) for path in system}

    def is_system(dest: str, src: str) -> bool:
        if _posix(dest).startswith(GI_DATA):
            return True  # GIO modules and gdk-pixbuf loaders: the system's own
        if dest.startswith("gi/"):
            return False  # PyGObject's own extension modules
        return Path(dest).name in names or os.path.realpath(src) in real

    kept, dropped = [], []
    for entry in analysis.binaries:
        (dropped if is_system(entry[0], entry[1]) else kept).append(entry)
    analysis.binaries[:] = kept
    data = [e for e in analysis.datas if not _posix(e[0]).startswith(GI_DATA)]
    dropped_data = len(analysis.datas) - len(data)
    analysis.datas[:] = data
    analysis.scripts[:] = [e for e in analysis.scripts if e[0] not in GI_RUNTIME_HOOKS]
    size = sum(os.path.getsize(src) for _dest, src, _kind in dropped if os.path.exists(src))
    print(
        f"system_gtk: left {len(dropped)} GTK/WebKit/GLib libraries ({size / 1e6:.0f} MB) and "
        f"{dropped_data} typelib/data files to the system: "
        + " ".join(sorted(Path(dest).name for dest, _src, _kind in dropped))
    )


def _posix(dest: str) -> str:
    return dest.replace(os.sep, "/")


def _resolve(soname: str) -> str | None:
    """The path the dynamic loader gives `soname` (from ldconfig's cache), or None."""
    out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        name, _, path = line.strip().partition(" => ")
        if path and name.split(" ", 1)[0] == soname:
            return path
    return None


def _closure(libraries: list[str | None]) -> set[str]:
    """The libraries and everything they load (ldd prints the whole closure)."""
    found: set[str] = set()
    for library in filter(None, libraries):
        found.add(library)
        # the libraries named above, as resolved by ldconfig
        ldd = subprocess.run(["/usr/bin/ldd", library], capture_output=True, text=True)  # noqa: S603
        out = ldd.stdout
        found.update(m.group(2) for m in map(_LDD_LINE.match, out.splitlines()) if m)
    return found
