"""One JSON error shape for every failure: `{"error": {"code", "message", "details"}}`."""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from mediabox.domain.errors import DomainError

log = logging.getLogger(__name__)

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


def error_response(status: int, code: str, message: str, details=None, headers=None):
    response = jsonify({"error": {"code": code, "message": message, "details": details}})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def validation_details(exc: ValidationError) -> list[dict]:
    return [
        {
            "field": ".".join(str(part) for part in err["loc"]) or None,
            "message": err["msg"],
            "type": err["type"],
        }
        for err in exc.errors(include_url=False, include_input=False)
    ]


def register_error_handlers(app: Flask) -> None:
    """Map domain errors, schema errors and every HTTP error to the common shape."""

    @app.errorhandler(DomainError)
    def _domain(exc: DomainError):
        retry = exc.details.get("retry_after") if isinstance(exc.details, dict) else None
        headers = {"Retry-After": str(retry)} if exc.status == 429 and retry else None
        return error_response(exc.status, exc.code, exc.message, exc.details, headers=headers)

    @app.errorhandler(ValidationError)
    def _schema(exc: ValidationError):
        return error_response(
            400, "validation_error", "The request is not valid.", validation_details(exc)
        )

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
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
