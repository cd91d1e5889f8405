"""The API's pydantic models are built on first use, not on import (a third of the app's
set-up time, on the desktop's critical path to the first page), and work the same once used."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import importlib, pkgutil
import mediabox.api.schemas as package
from mediabox.api.schemas.common import Schema

models = []
for info in pkgutil.iter_modules(package.__path__):
    module = importlib.import_module(f"mediabox.api.schemas.{info.name}")
    models += [v for v in vars(module).values()
               if isinstance(v, type) and issubclass(v, Schema) and v is not Schema]
built = sorted({m.__name__ for m in models if m.__pydantic_complete__})
print(len(models), built)
from mediabox.api.schemas.common import ErrorBody
body = ErrorBody.model_validate({"code": "c", "message": "m"})
assert body.model_dump() == {"code": "c", "message": "m", "details": None}
assert ErrorBody.__pydantic_complete__
"""


def test_importing_the_schemas_builds_none_of_them_and_a_used_one_works():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    count, built = result.stdout.split(" ", 1)
    assert int(count) > 40
    assert built.strip() == "[]", f"built at import: {built}"
