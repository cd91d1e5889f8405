"""A lighter start for pywebview's Qt backend on PyQt6.

qtpy (the layer pywebview uses over Qt) copies every member of every enum of every class of
QtCore, QtGui and QtWidgets onto the class when it is imported ("promote_enums": PyQt5's
unscoped names, `Qt.LeftButton` for `Qt.MouseButton.LeftButton`). PyQt6 builds each enum on
first access, so that builds some 600 enums, about 0.2 CPU seconds on the main thread before
the window can open (half the Qt backend's import), for the handful of names anyone reads.
Here only the classes whose unscoped names pywebview and qtpy themselves use are promoted, for
the versions checked (`tests/unit/test_qt_enums.py` reads pywebview's source for them); with
any other version, or another Qt binding, qtpy does its own."""

from __future__ import annotations

import enum
from importlib.metadata import PackageNotFoundError, version

CHECKED = {"pywebview": "6.2.1", "qtpy": "2.4."}
# module: the classes whose enum members are used unscoped (pywebview's qt.py, qtpy's own)
PROMOTED = {
    "QtCore": ("Qt", "QEvent", "QFile", "QIODevice", "QIODeviceBase"),
    "QtGui": ("QTextCursor",),
    "QtWidgets": ("QMessageBox", "QFileDialog"),
}


def lighten_enum_promotion() -> bool:
    """Before pywebview imports its Qt backend: promote only what is read. True when done."""
    try:
        versions = {name: version(name) for name in CHECKED}
    except PackageNotFoundError:
        return False
    if any(not versions[name].startswith(prefix) for name, prefix in CHECKED.items()):
        return False
    import qtpy

    if not qtpy.PYQT6:
        return False
    from qtpy import enums_compat

    enums_compat.promote_enums = promote_listed
    return True


def promote_listed(module) -> None:
    """qtpy's `promote_enums`, for the classes of `module` listed in PROMOTED only."""
    for class_name in PROMOTED.get(module.__name__.rsplit(".", 1)[-1], ()):
        klass = getattr(module, class_name, None)
        if klass is None:
            continue
        for attribute in dir(klass):
            if not attribute[:1].isupper():
                continue
            value = getattr(klass, attribute)
            if isinstance(value, enum.EnumMeta):
                for name, member in value.__members__.items():
                    setattr(klass, name, member)
