"""The `mediabox` command: db upgrade, users, and serve answering on a real socket."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from mediabox.cli import main


@pytest.fixture
def cli_env(monkeypatch, database_url, tmp_path, make_app, config):
    make_app(config)  # registers the database clean-up for this test
    monkeypatch.setenv("MEDIABOX_DATA_DIR", str(tmp_path / "cli-data"))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    return {"MEDIABOX_DATA_DIR": str(tmp_path / "cli-data"), "DATABASE_URL": database_url}


def invoke(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result


def test_db_upgrade_is_idempotent(cli_env):
    first = invoke("db", "upgrade")
    assert first.exit_code == 0, first.output
    assert "database at head" in first.output
    assert invoke("db", "upgrade").exit_code == 0


def test_users_create_list_set_password_disable(cli_env):
    created = invoke("users", "create", "Admin@Example.com", "--password", "first password")
    assert created.exit_code == 0, created.output
    assert "admin@example.com (admin)" in created.output
    second = invoke("users", "create", "kid@example.com", "--password", "second password")
    assert "(user)" in second.output
    listed = invoke("users", "list").output
    assert "admin@example.com" in listed and "kid@example.com" in listed
    assert (
        invoke("users", "set-password", "kid@example.com", "--password", "third password").exit_code
        == 0
    )
    assert invoke("users", "disable", "kid@example.com").exit_code == 0
    assert "disabled" in invoke("users", "list").output
    missing = invoke("users", "disable", "ghost@example.com")
    assert missing.exit_code != 0 and "ghost@example.com" in missing.output
    weak = invoke("users", "create", "weak@example.com", "--password", "short")
    assert weak.exit_code != 0 and "Password" in weak.output


def test_users_create_prompts_for_a_hidden_password(cli_env):
    result = invoke("users", "create", "p@example.com", input="a fine password\na fine password\n")
    assert result.exit_code == 0, result.output
    assert "a fine password" not in result.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_migrates_and_answers_health(cli_env, tmp_path):
    port = _free_port()
    env = {**os.environ, **cli_env}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mediabox.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/health", timeout=2
                ) as response:
                    body = json.load(response)
                    break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.2)
        assert body == {"status": "ok", "version": body and body["version"], "database": "ok"}, (
            proc.poll(),
            proc.stdout.read() if proc.poll() is not None else "",
        )
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_prod_with_a_weak_jwt_secret_refuses_to_start(cli_env, monkeypatch):
    monkeypatch.setenv("APP_ENV", "prod")
    monkeypatch.setenv("JWT_SECRET", "secret")
    result = CliRunner().invoke(main, ["serve", "--port", "9"], catch_exceptions=False)
    assert result.exit_code != 0
    assert "JWT_SECRET is too weak" in result.output


def test_serve_is_a_thin_argument_layer_over_the_launcher(cli_env, monkeypatch):
    import mediabox.launch.server as server

    calls = []
    monkeypatch.setattr(server, "run_server", lambda config, **kw: calls.append((config, kw)))
    result = invoke(
        "serve", "--host", "0.0.0.0", "--port", "9001", "--threads", "3", "--no-migrate",
        "--no-worker",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [(config, options)] = calls
    assert str(config.data_dir) == cli_env["MEDIABOX_DATA_DIR"]
    assert {k: v for k, v in options.items() if k != "echo"} == {
        "host": "0.0.0.0", "port": 9001, "threads": 3, "migrate": False, "worker": False,
        "share_port": None, "tls": None,
    }  # fmt: skip


def test_a_failed_migration_stops_serve_with_a_plain_message(cli_env, monkeypatch):
    import mediabox.launch.server as server

    def failing(_config=None):
        raise server.LaunchError("database migration failed; see the messages above")

    monkeypatch.setattr(server, "upgrade_in_a_child_process", failing)
    monkeypatch.setattr("waitress.serve", lambda *a, **k: pytest.fail("served anyway"))
    result = invoke("serve", "--port", "9")
    assert result.exit_code == 1
    assert "database migration failed" in result.output
