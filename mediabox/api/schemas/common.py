"""Schemas shared by every resource."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


def has_nul(value: Any) -> bool:
    """Whether a string anywhere in `value` holds a NUL character (PostgreSQL refuses them)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    return False


class Schema(BaseModel):
    """The base of every API model. Its validator and serializer are built on first use, not
    when the module is imported: most models are never used in a session, and building all of
    them was a third of the app's set-up time (the desktop's server starts that much sooner)."""

    model_config = ConfigDict(defer_build=True)


class StrictIn(Schema):
    """Base for request bodies and queries: unknown fields and NUL characters are errors."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if has_nul(value):
            raise ValueError("must not contain NUL characters")
        return value


class ErrorBody(Schema):
    code: str
    message: str
    details: Any = None


class ErrorOut(Schema):
    """The one error shape of the API."""

    error: ErrorBody


class HealthOut(Schema):
    status: str
    version: str
    database: str


class SignedUrlOut(Schema):
    """A short-lived signed URL of one file (owner download, stream or a share's download)."""

    url: str
    expires_at: datetime
