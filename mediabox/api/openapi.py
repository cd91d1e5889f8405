"""The OpenAPI 3.1 document, built from the same Pydantic schemas the routes validate with."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from pydantic.json_schema import models_json_schema

from mediabox import __version__
from mediabox.api.routing import Operation, operations_of
from mediabox.api.schemas.common import ErrorOut

REF = "#/components/schemas/{model}"


def _error_responses(op: Operation) -> dict[str, Any]:
    codes = set(op.errors) | {500}
    if op.body or op.query:
        codes.add(400)
    if op.auth in {"user", "any", "refresh"}:
        codes.add(401)
    return {
        str(code): {
            "description": "Error",
            "content": {"application/json": {"schema": {"$ref": REF.format(model="ErrorOut")}}},
        }
        for code in sorted(codes)
    }


def _query_parameters(model, defs: dict) -> list[dict]:
    schema = model.model_json_schema(ref_template=REF)
    defs.update(schema.pop("$defs", {}))
    required = set(schema.get("required", []))
    return [
        {"name": name, "in": "query", "required": name in required, "schema": prop}
        for name, prop in schema.get("properties", {}).items()
    ]


def build_openapi(app: Flask) -> dict[str, Any]:
    """The document of `app`: every route its blueprints registered through `routing.route`
    (so a share-surface app documents only the public routes)."""
    operations = operations_of(app)
    models = {ErrorOut}
    for op in operations:
        models.update(m for m in (op.body, op.response) if m is not None)
    _, top = models_json_schema(
        [(m, "validation" if m is not ErrorOut else "serialization") for m in models],
        ref_template=REF,
    )
    schemas: dict[str, Any] = dict(top.get("$defs", {}))
    paths: dict[str, dict[str, Any]] = {}
    for op in sorted(operations, key=lambda o: (o.path, o.method)):
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", op.path)
        entry: dict[str, Any] = {
            "summary": op.summary,
            "tags": [op.tag],
            "operationId": f"{op.tag}_{op.method}_{path.strip('/').replace('/', '_')}",
            "responses": {},
        }
        params = [
            {"name": part[1:-1], "in": "path", "required": True, "schema": {"type": "string"}}
            for part in path.split("/")
            if part.startswith("{")
        ]
        if op.query is not None:
            params += _query_parameters(op.query, schemas)
        if params:
            entry["parameters"] = params
        if op.body is not None:
            entry["requestBody"] = {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": REF.format(model=op.body.__name__)}}
                },
            }
        ok: dict[str, Any] = {"description": "Success"}
        if op.response is not None:
            ok["content"] = {
                "application/json": {"schema": {"$ref": REF.format(model=op.response.__name__)}}
            }
        entry["responses"][str(op.status)] = ok
        entry["responses"].update(_error_responses(op))
        if op.auth in {"user", "any"}:
            entry["security"] = [{"bearer": []}, {"cookie": []}]
        paths.setdefault(path, {})[op.method] = entry
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Mediabox API",
            "version": __version__,
            "description": (
                "Personal photo and video cloud. Errors share one shape: "
                '{"error": {"code", "message", "details"}}. Cookie-authenticated writes need '
                "the X-CSRF-TOKEN header (double submit of the csrf_access_token cookie)."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "cookie": {"type": "apiKey", "in": "cookie", "name": "access_token_cookie"},
            },
        },
    }
