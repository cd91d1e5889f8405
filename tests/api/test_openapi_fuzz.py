"""Property-based requests generated from our own OpenAPI document (schemathesis): whatever a
client sends, the API answers without a server error, and errors come in the common shape."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.factories import sign_up

SKIPPED = {"/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/auth/refresh"}


def _check(case, headers) -> None:
    response = case.call(headers=headers)
    case.validate_response(response, checks=(not_a_server_error,))
    content_type = response.headers.get("Content-Type", "")
    if response.status_code >= 400 and content_type.startswith("application/json"):
        body = response.json()
        assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]), body


def test_generated_requests_never_cause_a_server_error(app):
    headers = sign_up(app.test_client(), "fuzz@example.com").bearer
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    tested = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path in SKIPPED:
            continue

        @settings(
            max_examples=15,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            _check(case, headers)

        run()
        tested += 1
    assert tested >= 40
