"""Blob store on S3 or an S3-compatible server (MinIO, Garage, moto)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import BinaryIO

import boto3
import botocore
from botocore.auth import SIGV4_TIMESTAMP, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from mediabox.domain.errors import NotFound, StorageUnavailable, ValidationFailed
from mediabox.domain.media_types import UNKNOWN_TYPE
from mediabox.infra.blobstore.base import (
    ObjectInfo,
    PartInfo,
    PresignedRequest,
    content_disposition,
    expiry,
    stable_window,
    utc_now,
    validate_expires_in,
    validate_key,
    validate_part_number,
    validate_range,
)

_NOT_FOUND_CODES = {"404", "NoSuchKey", "NoSuchUpload", "NotFound"}
_INVALID_CODES = {"EntityTooSmall", "InvalidPart", "InvalidPartOrder", "InvalidArgument"}
_DELETE_BATCH = 1000


class _PinnedTimeQueryAuth(S3SigV4QueryAuth):
    """SigV4 query signer that signs as of a given instant instead of the current time."""

    def __init__(self, credentials, region_name: str, expires: int, signed_at: datetime):
        super().__init__(credentials, "s3", region_name, expires=expires)
        self._timestamp = signed_at.strftime(SIGV4_TIMESTAMP)

    def _modify_request_before_signing(self, request):
        request.context["timestamp"] = self._timestamp
        super()._modify_request_before_signing(request)


class S3BlobStore:
    """Private-bucket storage; browsers use pre-signed SigV4 URLs, never the bucket directly.

    Path-style addressing is used whenever ``endpoint_url`` is given. Connection errors and
    5xx responses surface as ``StorageUnavailable``.
    """

    def __init__(
        self,
        bucket: str,
        *,
        region: str,
        endpoint_url: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        session: boto3.Session | None = None,
        clock: Callable[[], datetime] = utc_now,
    ):
        self._bucket = bucket
        self._region = region
        self._clock = clock
        self._session = session or boto3.Session(
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            region_name=region,
        )
        addressing = "path" if endpoint_url else "auto"
        options = {
            "s3": {"addressing_style": addressing},
            "connect_timeout": 5,
            "read_timeout": 60,
            "retries": {"mode": "standard", "max_attempts": 3},
        }
        self._client = self._session.client(
            "s3",
            region_name=region,
            endpoint_url=endpoint_url,
            config=Config(signature_version="s3v4", **options),
        )
        self._url_builder = self._session.client(
            "s3",
            region_name=region,
            endpoint_url=endpoint_url,
            config=Config(signature_version=botocore.UNSIGNED, **options),
        )

    @property
    def client(self):
        """The underlying boto3 S3 client."""
        return self._client

    def presign_put(
        self, key: str, content_type: str, max_bytes: int, expires_in: int
    ) -> PresignedRequest:
        validate_key(key)
        expires_in = validate_expires_in(expires_in)
        expires_at = expiry(self._clock(), expires_in)
        params = {"Key": key, "ContentType": content_type, "ContentLength": max_bytes}
        url = self._presign("put_object", params, expires_in)
        return PresignedRequest(url, "PUT", {"Content-Type": content_type}, expires_at)

    def stable_jpeg_urls(self, keys: Sequence[str], expires_in: int) -> list[str]:
        """Window-stable thumbnail URLs of many keys (one presign each)."""
        return [
            self.presign_get(key, expires_in, content_type="image/jpeg", stable=True).url
            for key in keys
        ]

    def presign_get(
        self,
        key: str,
        expires_in: int,
        *,
        filename: str | None = None,
        content_type: str | None = None,
        attachment: bool = False,
        stable: bool = False,
    ) -> PresignedRequest:
        validate_key(key)
        expires_in = validate_expires_in(expires_in)
        params = {"Key": key}
        if filename or attachment:
            params["ResponseContentDisposition"] = content_disposition(
                filename, attachment=attachment
            )
        params["ResponseContentType"] = content_type or UNKNOWN_TYPE
        if not content_type and "ResponseContentDisposition" not in params:
            params["ResponseContentDisposition"] = "attachment"
        now = self._clock()
        if not stable:
            url = self._presign("get_object", params, expires_in)
            return PresignedRequest(url, "GET", {}, expiry(now, expires_in))
        signed_at, expires_at = stable_window(now, expires_in)
        unsigned = self._url_builder.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, **params}
        )
        request = AWSRequest(method="GET", url=unsigned)
        auth = _PinnedTimeQueryAuth(
            self._credentials(),
            self._region,
            int((expires_at - signed_at).total_seconds()),
            signed_at,
        )
        auth.add_auth(request)
        return PresignedRequest(request.prepare().url, "GET", {}, expires_at)

    def create_multipart(self, key: str, content_type: str, part_size: int | None = None) -> str:
        validate_key(key)
        with self._errors():
            response = self._client.create_multipart_upload(
                Bucket=self._bucket, Key=key, ContentType=content_type
            )
        return response["UploadId"]

    def presign_part(
        self, key: str, upload_id: str, part_number: int, expires_in: int, max_bytes: int
    ) -> str:
        validate_key(key)
        params = {
            "Key": key,
            "UploadId": upload_id,
            "PartNumber": validate_part_number(part_number),
            "ContentLength": max_bytes,
        }
        return self._presign("upload_part", params, validate_expires_in(expires_in))

    def list_parts(self, key: str, upload_id: str) -> list[PartInfo]:
        validate_key(key)
        paginator = self._client.get_paginator("list_parts")
        parts = []
        with self._errors():
            for page in paginator.paginate(Bucket=self._bucket, Key=key, UploadId=upload_id):
                parts.extend(
                    PartInfo(part["PartNumber"], part["Size"], part["ETag"].strip('"'))
                    for part in page.get("Parts", [])
                )
        return parts

    def complete_multipart(
        self, key: str, upload_id: str, parts: list[tuple[int, str]] | None = None
    ) -> None:
        if parts is None:
            parts = [(part.part_number, part.etag) for part in self.list_parts(key, upload_id)]
        validate_key(key)
        if not parts:
            raise ValidationFailed("Parts must be non-empty and in ascending order.")
        with self._errors():
            self._client.complete_multipart_upload(
                Bucket=self._bucket,
                Key=key,
                UploadId=upload_id,
                MultipartUpload={
                    "Parts": [
                        {"PartNumber": number, "ETag": f'"{etag.strip(chr(34))}"'}
                        for number, etag in parts
                    ]
                },
            )

    def abort_multipart(self, key: str, upload_id: str) -> None:
        validate_key(key)
        try:
            with self._errors():
                self._client.abort_multipart_upload(
                    Bucket=self._bucket, Key=key, UploadId=upload_id
                )
        except NotFound:
            pass

    def set_content_type(self, key: str, content_type: str) -> None:
        """Replace the stored Content-Type by a server-side copy, only when it differs."""
        info = self.head(key)
        if info is None or info.content_type == content_type:
            return
        with self._errors():
            self._client.copy_object(
                Bucket=self._bucket,
                Key=key,
                CopySource={"Bucket": self._bucket, "Key": key},
                ContentType=content_type,
                MetadataDirective="REPLACE",
            )

    def head(self, key: str) -> ObjectInfo | None:
        validate_key(key)
        try:
            with self._errors():
                response = self._client.head_object(Bucket=self._bucket, Key=key)
        except NotFound:
            return None
        return ObjectInfo(
            size=response["ContentLength"],
            etag=response["ETag"].strip('"'),
            content_type=response.get("ContentType", "application/octet-stream"),
        )

    def read_range(self, key: str, start: int, length: int) -> bytes:
        validate_key(key)
        validate_range(start, length)
        if length == 0:
            return b""
        try:
            with self._errors():
                response = self._client.get_object(
                    Bucket=self._bucket, Key=key, Range=f"bytes={start}-{start + length - 1}"
                )
        except _RangeUnsatisfiable:
            return b""
        with response["Body"] as body:
            return body.read()

    def open_read(self, key: str) -> BinaryIO:
        validate_key(key)
        with self._errors():
            response = self._client.get_object(Bucket=self._bucket, Key=key)
        return response["Body"]

    def put_file(self, key: str, fileobj: BinaryIO, content_type: str) -> None:
        validate_key(key)
        with self._errors():
            self._client.upload_fileobj(
                fileobj, self._bucket, key, ExtraArgs={"ContentType": content_type}
            )

    def delete(self, key: str) -> None:
        validate_key(key)
        with self._errors():
            self._client.delete_object(Bucket=self._bucket, Key=key)

    def delete_many(self, keys: Iterable[str]) -> None:
        keys = [validate_key(key) for key in keys]
        for offset in range(0, len(keys), _DELETE_BATCH):
            batch = keys[offset : offset + _DELETE_BATCH]
            with self._errors():
                response = self._client.delete_objects(
                    Bucket=self._bucket,
                    Delete={"Objects": [{"Key": key} for key in batch], "Quiet": True},
                )
            if response.get("Errors"):
                raise StorageUnavailable(
                    "Some blobs could not be deleted.", details={"errors": response["Errors"]}
                )

    def configure_cors(self, origins: list[str]) -> None:
        """Allow browsers on ``origins`` to PUT, GET and HEAD through pre-signed URLs."""
        rule = {
            "AllowedOrigins": list(origins),
            "AllowedMethods": ["PUT", "GET", "HEAD"],
            "AllowedHeaders": ["*"],
            "ExposeHeaders": ["ETag"],
            "MaxAgeSeconds": 3600,
        }
        with self._errors():
            self._client.put_bucket_cors(
                Bucket=self._bucket, CORSConfiguration={"CORSRules": [rule]}
            )

    def check(self) -> None:
        """Raise StorageUnavailable unless the credentials work and the bucket is reachable."""
        if self._session.get_credentials() is None:
            raise StorageUnavailable("No S3 credentials are configured.")
        try:
            self._client.head_bucket(Bucket=self._bucket)
        except ClientError as error:
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            reason = {
                403: "access was denied (check the access key, secret and bucket policy)",
                404: "the bucket does not exist",
            }.get(status, f"the server answered {status}")
            raise StorageUnavailable(
                f"S3 bucket {self._bucket!r} is not usable: {reason}."
            ) from error
        except BotoCoreError as error:
            raise StorageUnavailable(f"S3 endpoint is unreachable: {error}") from error

    def _presign(self, method: str, params: dict, expires_in: int) -> str:
        with self._errors():
            return self._client.generate_presigned_url(
                method, Params={"Bucket": self._bucket, **params}, ExpiresIn=expires_in
            )

    def _credentials(self):
        credentials = self._session.get_credentials()
        if credentials is None:
            raise StorageUnavailable("No S3 credentials are configured.")
        return credentials.get_frozen_credentials()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except ClientError as error:
            raise _translate(error) from error
        except BotoCoreError as error:
            raise StorageUnavailable(f"S3 request failed: {error}") from error


class _RangeUnsatisfiable(ValidationFailed):
    """The requested byte range starts past the end of the object."""


def _translate(error: ClientError) -> Exception:
    code = error.response.get("Error", {}).get("Code", "")
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
    if code == "InvalidRange" or status == 416:
        return _RangeUnsatisfiable()
    if code in _NOT_FOUND_CODES or status == 404:
        return NotFound("Blob or upload not found.", details={"code": code})
    if code in _INVALID_CODES:
        return ValidationFailed(str(error), details={"code": code})
    return StorageUnavailable(f"S3 request failed: {code or status}", details={"code": code})
