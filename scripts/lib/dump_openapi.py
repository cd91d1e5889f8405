"""Print the OpenAPI document of the full app as JSON (used to generate the UI's API types)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from mediabox.app import create_app
from mediabox.infra.config import Config


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        config = Config.from_env(environ={"MEDIABOX_DATA_DIR": data_dir, "APP_ENV": "test"})
        app = create_app(config)
        with app.test_client() as client:
            document = client.get("/api/v1/openapi.json").get_json()
    text = json.dumps(document, indent=2, sort_keys=True) + "\n"
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
