"""Typed domain errors: each carries a stable machine code; `api/errors.py` alone decides the
HTTP status of each kind and renders the common JSON error shape."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base class: a stable machine code (a subclass default, or a more specific one per
    raise), a human message and optional details."""

    code = "bad_request"

    def __init__(self, message: str | None = None, *, details: Any = None, code: str | None = None):
        super().__init__(message or self.__class__.__doc__ or self.code)
        self.message = message or (self.__class__.__doc__ or self.code).strip()
        self.details = details
        if code:
            self.code = code

    @property
    def kind(self) -> str:
        """The general code of this error's class (`not_found` for `share_not_found`)."""
        return type(self).code


class ValidationFailed(DomainError):
    """The request is not valid."""

    code = "validation_error"


class Unauthorized(DomainError):
    """Authentication is required or has failed."""

    code = "unauthorized"


class Forbidden(DomainError):
    """This action is not allowed."""

    code = "forbidden"


class NotFound(DomainError):
    """Not found."""

    code = "not_found"


class Conflict(DomainError):
    """The request conflicts with the current state."""

    code = "conflict"


class Gone(DomainError):
    """This resource is no longer available."""

    code = "gone"


class PayloadTooLarge(DomainError):
    """The payload is too large."""

    code = "payload_too_large"


class UnsupportedMediaType(DomainError):
    """This file type is not supported."""

    code = "unsupported_media_type"


class RangeNotSatisfiable(DomainError):
    """The requested range cannot be satisfied."""

    code = "range_not_satisfiable"


class Unprocessable(DomainError):
    """The request is well-formed but cannot be processed."""

    code = "unprocessable"


class RateLimited(DomainError):
    """Too many requests."""

    code = "rate_limited"


class StorageUnavailable(DomainError):
    """The storage backend is unavailable."""

    code = "storage_unavailable"


class AlreadyExists(Conflict):
    """Another request stored the same thing first."""
