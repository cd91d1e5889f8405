"""Blob storage: one ``BlobStore`` protocol with a local-disk and an S3 implementation."""

from mediabox.infra.blobstore.base import (
    BlobStore,
    ObjectInfo,
    PartInfo,
    PresignedRequest,
    content_disposition,
    plan_parts,
    validate_key,
)
from mediabox.infra.blobstore.local import LocalBlobStore
from mediabox.infra.blobstore.signing import BlobGrant, UrlSigner

__all__ = [
    "BlobGrant",
    "BlobStore",
    "LocalBlobStore",
    "ObjectInfo",
    "PartInfo",
    "PresignedRequest",
    "S3BlobStore",
    "UrlSigner",
    "content_disposition",
    "plan_parts",
    "validate_key",
]


def __getattr__(name: str):
    """Import the S3 store (and boto3, ~40 MB) only where it is used."""
    if name == "S3BlobStore":
        from mediabox.infra.blobstore.s3 import S3BlobStore

        return S3BlobStore
    raise AttributeError(name)
