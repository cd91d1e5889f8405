"""Errors to HTTP, in one place: `{"error": {"code", "message", "details"}}` for every failure.

Domain errors carry a code; `STATUS_BY_KIND` alone turns the kind of each into a status. Schema
errors, HTTP errors raised by Flask/Werkzeug, JWT and CSRF failures of flask-jwt-extended and
anything unexpected get the same shape here.
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from flask_jwt_extended import JWTManager
from flask_jwt_extended.exceptions import CSRFError, JWTExtendedException
from jwt.exceptions import PyJWTError
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from mediabox.domain.errors import DomainError, Forbidden, NotFound, Unauthorized

log = logging.getLogger(__name__)

STATUS_BY_KIND = {
    "bad_request": 400,
    "validation_error": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "gone": 410,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "range_not_satisfiable": 416,
    "unprocessable": 422,
    "rate_limited": 429,
    "storage_unavailable": 503,
}

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "payload_too_large",
    415: "unsupported_media_type",
    416: "range_not_satisfiable",
    422: "unprocessable",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}

INVALID_TOKEN = Unauthorized("The token is invalid.", code="invalid_token")
CSRF_FAILED = Forbidden(
    "The X-CSRF-TOKEN header is missing or does not match the cookie.", code="csrf_failed"
)


def status_of(error: DomainError) -> int:
    """The HTTP status of a domain error, from its kind (500 for a kind nobody mapped)."""
    return STATUS_BY_KIND.get(error.kind, 500)


def error_response(status: int, code: str, message: str, details=None, headers=None):
    response = jsonify({"error": {"code": code, "message": message, "details": details}})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def render(error: DomainError):
    """The response for a domain error (a 429 that knows its wait says so in Retry-After)."""
    status = status_of(error)
    retry = error.details.get("retry_after") if isinstance(error.details, dict) else None
    headers = {"Retry-After": str(retry)} if status == 429 and retry else None
    return error_response(status, error.code, error.message, error.details, headers=headers)


def validation_details(exc: ValidationError) -> list[dict]:
    return [
        {
            "field": ".".join(str(part) for part in err["loc"]) or None,
            "message": err["msg"],
            "type": err["type"],
        }
        for err in exc.errors(include_url=False, include_input=False)
    ]


def register_error_handlers(app: Flask, *, hide_methods: bool = False) -> None:
    """Map domain errors, schema errors, token errors and every HTTP error to the common shape.

    `hide_methods` answers a method a path does not allow with 404, not 405 (the share gateway
    reveals nothing about routes it does not serve, such as the owner's PATCH of a link).
    """
    app.register_error_handler(DomainError, render)
    app.register_error_handler(CSRFError, lambda _exc: render(CSRF_FAILED))
    app.register_error_handler(
        JWTExtendedException,
        lambda _exc: render(
            Unauthorized("The token is invalid or of the wrong type.", code="invalid_token")
        ),
    )
    app.register_error_handler(PyJWTError, lambda _exc: render(INVALID_TOKEN))

    @app.errorhandler(ValidationError)
    def _schema(exc: ValidationError):
        return error_response(
            400, "validation_error", "The request is not valid.", validation_details(exc)
        )

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        if status == 405 and hide_methods:
            return render(NotFound())
        headers = {}
        if status == 405 and exc.valid_methods:
            headers["Allow"] = ", ".join(exc.valid_methods)
        if status == 429:
            message = "Too many requests; try again later."
        else:
            message = exc.description or exc.name
        response = error_response(
            status,
            HTTP_CODES.get(status, exc.name.lower().replace(" ", "_")),
            message,
            headers=headers,
        )
        retry = exc.get_response().headers.get("Retry-After") if status == 429 else None
        if retry:
            response.headers["Retry-After"] = retry
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        return error_response(500, "internal_error", "Something went wrong on the server.")


def register_jwt_errors(jwt: JWTManager) -> None:
    """The answers flask-jwt-extended gives when a token is missing, bad, expired or revoked."""

    def unauthorized(code: str, message: str):
        return render(Unauthorized(message, code=code))

    jwt.unauthorized_loader(lambda _reason: unauthorized("unauthorized", "Sign in first."))
    jwt.invalid_token_loader(lambda _reason: render(INVALID_TOKEN))
    jwt.expired_token_loader(lambda _h, _p: unauthorized("token_expired", "The token has expired."))
    jwt.revoked_token_loader(
        lambda _h, _p: unauthorized("session_revoked", "The session has ended.")
    )
    jwt.user_lookup_error_loader(
        lambda _h, _p: unauthorized("account_unavailable", "The account is not available.")
    )
    jwt.token_verification_failed_loader(lambda _h, _p: render(INVALID_TOKEN))
