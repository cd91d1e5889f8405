"""Enumerations shared by the domain, the services and the API."""

from enum import StrEnum


class AssetType(StrEnum):
    PHOTO = "photo"
    VIDEO = "video"


class AssetStatus(StrEnum):
    UPLOADING = "uploading"
    READY = "ready"
    FAILED = "failed"
    DELETED = "deleted"


class ProcessingState(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class UploadKind(StrEnum):
    SINGLE = "single"
    MULTIPART = "multipart"
