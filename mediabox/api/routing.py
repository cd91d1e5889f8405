"""Typed routes: a Pydantic body/query schema in, a response schema out, and an OpenAPI record."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask, Response, jsonify, request
from flask_jwt_extended import verify_jwt_in_request
from pydantic import BaseModel, ValidationError

from mediabox.api.schemas.common import has_nul
from mediabox.domain.errors import NotFound, ValidationFailed


@dataclass
class Operation:
    """One documented endpoint."""

    path: str
    method: str
    summary: str
    tag: str
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    auth: str = "user"
    errors: tuple[int, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


OPERATIONS: dict[Blueprint, list[Operation]] = {}


def operations_of(app: Flask) -> list[Operation]:
    """The documented operations of the blueprints `app` registered (its OpenAPI document)."""
    return [op for bp in app.blueprints.values() for op in OPERATIONS.get(bp, [])]


def parse_body(model: type[BaseModel], *, optional: bool = False) -> BaseModel:
    """Validate the JSON body; malformed JSON and wrong types answer 400 in the common shape."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        if optional:
            return model()
        raise ValidationFailed("A JSON body is required.", code="invalid_json")
    if not request.is_json:
        raise ValidationFailed(
            "The body must be JSON (Content-Type: application/json).", code="invalid_json"
        )
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        if any(err["type"] == "json_invalid" for err in exc.errors()):
            raise ValidationFailed("The body is not valid JSON.", code="invalid_json") from exc
        raise


def parse_query(model: type[BaseModel]) -> BaseModel:
    data: dict[str, Any] = {}
    for key in request.args:
        values = request.args.getlist(key)
        data[key] = values if len(values) > 1 else values[0]
    return model.model_validate(data)


def route(
    bp: Blueprint,
    rule: str,
    method: str,
    *,
    summary: str,
    body: type[BaseModel] | None = None,
    body_optional: bool = False,
    query: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    status: int = 200,
    auth: str = "user",
    errors: tuple[int, ...] = (),
    decorators: tuple[Callable, ...] = (),
):
    """Register a view whose `body`/`query` kwargs are validated and whose return is serialised.

    `auth`: "user" (an access token), "any" (access or refresh token), "none", or a label for
    views that check credentials themselves ("refresh", "share").
    """

    def wrap(view: Callable):
        @functools.wraps(view)
        def handler(**kwargs):
            if has_nul(kwargs):
                raise NotFound()
            if auth == "user":
                verify_jwt_in_request()
            elif auth == "any":
                verify_jwt_in_request(verify_type=False)
            if body is not None:
                kwargs["body"] = parse_body(body, optional=body_optional)
            if query is not None:
                kwargs["query"] = parse_query(query)
            result = view(**kwargs)
            if isinstance(result, Response):
                return result
            if result is None:
                return Response(status=204)
            payload = result.model_dump(mode="json") if isinstance(result, BaseModel) else result
            out = jsonify(payload)
            out.status_code = status
            return out

        final = handler
        for decorator in reversed(decorators):
            final = decorator(final)
        bp.add_url_rule(rule, endpoint=view.__name__, view_func=final, methods=[method])
        prefix = bp.url_prefix or ""
        OPERATIONS.setdefault(bp, []).append(
            Operation(
                path=prefix + rule,
                method=method.lower(),
                summary=summary,
                tag=bp.name,
                body=body,
                query=query,
                response=response,
                status=status,
                auth=auth,
                errors=errors,
            )
        )
        return view

    return wrap
