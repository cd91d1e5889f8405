"""/api/v1/uploads: create, part URLs, resume state, finalize, abort."""

from __future__ import annotations

import uuid

from flask import Blueprint, jsonify

from mediabox.api.deps import container, me
from mediabox.api.routing import route
from mediabox.api.schemas.assets import AssetOut
from mediabox.api.schemas.uploads import (
    FinalizeIn,
    FinalizeOut,
    KnownFileOut,
    MultipartPlanOut,
    PartsIn,
    PartsOut,
    PartUrlOut,
    SinglePlanOut,
    StoredPartOut,
    UploadCheckIn,
    UploadCheckOut,
    UploadCreateIn,
    UploadCreateOut,
    UploadStateOut,
)

bp = Blueprint("uploads", __name__, url_prefix="/api/v1/uploads")


@route(
    bp,
    "/create",
    "POST",
    summary="Start an upload (200 with duplicate=true when the file is already in the library)",
    body=UploadCreateIn,
    response=UploadCreateOut,
    status=201,
    errors=(400, 401, 413),
)
def create_upload(body: UploadCreateIn):
    result = container().uploads.create(
        me(),
        filename=body.filename,
        content_type=body.content_type,
        size_bytes=body.size_bytes,
        sha256=body.sha256,
        file_modified_at=body.file_modified_at,
    )
    out = UploadCreateOut(asset_id=result.asset.id, duplicate=result.duplicate)
    plan = result.plan
    if plan is not None and plan.presigned is not None:
        p = plan.presigned
        out.upload = SinglePlanOut(
            method=p.method, url=p.url, headers=p.headers, expires_at=p.expires_at
        )
    elif plan is not None:
        out.upload = MultipartPlanOut(part_size=plan.part_size, part_count=plan.part_count)
    response = jsonify(out.model_dump(mode="json"))
    response.status_code = 200 if result.duplicate else 201
    return response


@route(
    bp,
    "/check",
    "POST",
    summary="Which of up to 1,000 SHA-256 digests the caller already has (before uploading)",
    body=UploadCheckIn,
    response=UploadCheckOut,
    errors=(400, 401),
)
def check_uploads(body: UploadCheckIn):
    known = container().uploads.check(me(), body.sha256s)
    return UploadCheckOut(
        known=[KnownFileOut(sha256=k.sha256, asset_id=k.asset_id, status=k.status) for k in known]
    )


@route(
    bp,
    "/<uuid:upload_id>/parts",
    "POST",
    summary="Signed PUT URLs for parts of a multipart upload",
    body=PartsIn,
    response=PartsOut,
    errors=(400, 401, 404, 409),
)
def part_urls(upload_id: uuid.UUID, body: PartsIn):
    urls = container().uploads.presign_parts(me(), upload_id, body.part_numbers)
    return PartsOut(parts=[PartUrlOut(part_number=n, url=url) for n, url in urls])


@route(
    bp,
    "/<uuid:upload_id>",
    "GET",
    summary="Upload state and the parts already stored (to resume)",
    response=UploadStateOut,
    errors=(401, 404),
)
def upload_state(upload_id: uuid.UUID):
    state = container().uploads.state(me(), upload_id)
    return UploadStateOut(
        asset_id=state.asset.id,
        status=state.asset.status,
        type=state.type,
        size_bytes=state.asset.size_bytes,
        part_size=state.part_size,
        part_count=state.part_count,
        parts=[
            StoredPartOut(part_number=p.part_number, size=p.size, etag=p.etag) for p in state.parts
        ],
    )


@route(
    bp,
    "/<uuid:upload_id>/finalize",
    "POST",
    summary="Verify the stored file, mark the asset and enqueue processing",
    body=FinalizeIn,
    body_optional=True,
    response=FinalizeOut,
    errors=(400, 401, 404, 409, 413, 415, 422),
)
def finalize_upload(upload_id: uuid.UUID, body: FinalizeIn):
    parts = [(p.part_number, p.etag) for p in body.parts] if body.parts is not None else None
    asset = container().uploads.finalize(me(), upload_id, parts)
    return FinalizeOut(asset=AssetOut.of(asset, container().media_urls))


@route(
    bp,
    "/<uuid:upload_id>",
    "DELETE",
    summary="Abort an unfinished upload",
    status=204,
    errors=(401, 404, 409),
)
def abort_upload(upload_id: uuid.UUID):
    container().uploads.abort(me(), upload_id)
