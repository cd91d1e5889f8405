"""Schemas shared by every resource."""

from typing import Any

from pydantic import BaseModel, ConfigDict


class StrictIn(BaseModel):
    """Base for request bodies: unknown fields are an error, strings are trimmed of nothing."""

    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorOut(BaseModel):
    """The one error shape of the API."""

    error: ErrorBody


class HealthOut(BaseModel):
    status: str
    version: str
    database: str
