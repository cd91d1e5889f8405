"""Typed domain errors. The API layer maps each to the common JSON error shape."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base class: carries a stable machine code, an HTTP-ish status and optional details."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str | None = None, *, details: Any = None, code: str | None = None):
        super().__init__(message or self.__class__.__doc__ or self.code)
        self.message = message or (self.__class__.__doc__ or self.code).strip()
        self.details = details
        if code:
            self.code = code


class ValidationFailed(DomainError):
    """The request is not valid."""

    status = 400
    code = "validation_error"


class Unauthorized(DomainError):
    """Authentication is required or has failed."""

    status = 401
    code = "unauthorized"


class Forbidden(DomainError):
    """This action is not allowed."""

    status = 403
    code = "forbidden"


class NotFound(DomainError):
    """Not found."""

    status = 404
    code = "not_found"


class Conflict(DomainError):
    """The request conflicts with the current state."""

    status = 409
    code = "conflict"


class Gone(DomainError):
    """This resource is no longer available."""

    status = 410
    code = "gone"


class PayloadTooLarge(DomainError):
    """The payload is too large."""

    status = 413
    code = "payload_too_large"


class UnsupportedMediaType(DomainError):
    """This file type is not supported."""

    status = 415
    code = "unsupported_media_type"


class RangeNotSatisfiable(DomainError):
    """The requested range cannot be satisfied."""

    status = 416
    code = "range_not_satisfiable"


class Unprocessable(DomainError):
    """The request is well-formed but cannot be processed."""

    status = 422
    code = "unprocessable"


class RateLimited(DomainError):
    """Too many requests."""

    status = 429
    code = "rate_limited"


class StorageUnavailable(DomainError):
    """The storage backend is unavailable."""

    status = 503
    code = "storage_unavailable"
