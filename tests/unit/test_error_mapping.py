"""Errors to HTTP in one place: every domain error kind has a status, and every failure
(domain, schema, HTTP, JWT, CSRF, unexpected) answers in the common shape."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_jwt_extended import JWTManager, jwt_required
from flask_jwt_extended.exceptions import (
    CSRFError,
    JWTExtendedException,
    NoAuthorizationError,
)
from jwt.exceptions import DecodeError
from pydantic import BaseModel

from mediabox.api.errors import STATUS_BY_KIND, register_error_handlers, register_jwt_errors
from mediabox.domain import errors as domain_errors
from mediabox.domain.errors import DomainError, Gone, NotFound, Unprocessable

EXPECTED = {
    domain_errors.ValidationFailed: 400,
    domain_errors.Unauthorized: 401,
    domain_errors.Forbidden: 403,
    domain_errors.NotFound: 404,
    domain_errors.Conflict: 409,
    domain_errors.Gone: 410,
    domain_errors.PayloadTooLarge: 413,
    domain_errors.UnsupportedMediaType: 415,
    domain_errors.RangeNotSatisfiable: 416,
    domain_errors.Unprocessable: 422,
    domain_errors.RateLimited: 429,
    domain_errors.StorageUnavailable: 503,
}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


class Item(BaseModel):
    n: int


def _app(raise_this) -> Flask:
    app = Flask(__name__)
    app.config.update(JWT_SECRET_KEY="k" * 32, JWT_TOKEN_LOCATION=["headers"])
    jwt = JWTManager(app)
    register_error_handlers(app)
    register_jwt_errors(jwt)

    @app.get("/boom")
    def boom():
        raise raise_this()

    @app.get("/protected")
    @jwt_required()
    def protected():
        return "never"

    return app


def test_every_domain_error_class_has_a_status():
    ours = [cls for cls in _subclasses(DomainError) if cls.__module__.startswith("mediabox.")]
    assert set(EXPECTED) <= set(ours)
    for cls in ours:
        assert cls.code in STATUS_BY_KIND, f"{cls.__qualname__} needs a status in STATUS_BY_KIND"
    for cls, status in EXPECTED.items():
        assert STATUS_BY_KIND[cls.code] == status


@pytest.mark.parametrize(("cls", "status"), EXPECTED.items(), ids=lambda v: getattr(v, "code", v))
def test_a_domain_error_renders_with_its_status_and_the_common_shape(cls, status):
    response = _app(lambda: cls("Told you.", details={"x": 1})).test_client().get("/boom")
    assert response.status_code == status
    assert response.get_json() == {
        "error": {"code": cls.code, "message": "Told you.", "details": {"x": 1}}
    }


def test_a_specific_code_keeps_the_status_of_its_kind():
    client = _app(lambda: Unprocessable("Size differs.", code="size_mismatch")).test_client()
    response = client.get("/boom")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "size_mismatch"
    response = _app(lambda: Gone(code="share_expired")).test_client().get("/boom")
    assert (response.status_code, response.get_json()["error"]["code"]) == (410, "share_expired")
    assert NotFound(code="asset_not_found").kind == "not_found"


def test_an_unmapped_kind_is_a_server_error_not_a_client_one():
    class Strange(DomainError):
        code = "strange"

    response = _app(lambda: Strange("?")).test_client().get("/boom")
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "strange"


def test_schema_http_and_unexpected_errors_share_the_shape():
    response = _app(lambda: Item.model_validate({"n": "x"})).test_client().get("/boom")
    assert response.status_code == 400
    body = response.get_json()["error"]
    assert body["code"] == "validation_error" and body["details"][0]["field"] == "n"
    assert _app(ValueError).test_client().get("/boom").get_json()["error"]["code"] == (
        "internal_error"
    )
    missing = _app(ValueError).test_client().get("/nowhere")
    assert (missing.status_code, missing.get_json()["error"]["code"]) == (404, "not_found")
    wrong = _app(ValueError).test_client().post("/boom")
    assert wrong.status_code == 405 and wrong.headers["Allow"]


@pytest.mark.parametrize(
    ("raised", "status", "code"),
    [
        (lambda: CSRFError("bad"), 403, "csrf_failed"),
        (lambda: NoAuthorizationError("none"), 401, "unauthorized"),
        (lambda: JWTExtendedException("odd"), 401, "invalid_token"),
        (lambda: DecodeError("bad"), 401, "invalid_token"),
    ],
)
def test_jwt_and_csrf_exceptions_are_mapped_here(raised, status, code):
    response = _app(raised).test_client().get("/boom")
    assert (response.status_code, response.get_json()["error"]["code"]) == (status, code)


def test_jwt_loader_answers_use_the_common_shape():
    client = _app(ValueError).test_client()
    missing = client.get("/protected")
    assert missing.status_code == 401
    assert missing.get_json() == {
        "error": {"code": "unauthorized", "message": "Sign in first.", "details": None}
    }
    garbage = client.get("/protected", headers={"Authorization": "Bearer not.a.jwt"})
    assert (garbage.status_code, garbage.get_json()["error"]["code"]) == (401, "invalid_token")
