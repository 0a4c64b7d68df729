"""`admin`: a client of /__admin/ that checks every reply against the served OpenAPI document."""

from __future__ import annotations

import re

import jsonschema
import pytest

from mockserver.admin.openapi import document

SPEC = document()


def _operation(path: str, method: str) -> dict:
    for template, item in SPEC["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path):
            assert method.lower() in item, f"{method} {template} is not in the OpenAPI document"
            return item[method.lower()]
    raise AssertionError(f"{path} is not in the OpenAPI document")


def check_against_spec(method: str, path: str, status: int, body) -> None:
    responses = _operation(path.split("?")[0], method)["responses"]
    assert str(status) in responses, f"{method} {path} answered {status}, not documented"
    content = responses[str(status)].get("content")
    if content is None:
        assert body in (None, b"", ""), f"{method} {path} {status} has an undocumented body"
        return
    schema = {**content["application/json"]["schema"], "components": SPEC["components"]}
    jsonschema.validate(body, schema, cls=jsonschema.Draft202012Validator)


class Admin:
    def __init__(self, client) -> None:
        self.client = client

    async def call(self, method: str, path: str, json=None, expect: int | None = None):
        response = await self.client.request(method, "/__admin" + path, json=json)
        body = await response.json() if response.content_type == "application/json" else (
            await response.read())
        check_against_spec(method, "/__admin" + path, response.status, body)
        if expect is not None:
            assert response.status == expect, body
        return body

    async def get(self, path, **kw):
        return await self.call("GET", path, **kw)

    async def post(self, path, json=None, **kw):
        return await self.call("POST", path, json=json if json is not None else {}, **kw)

    async def put(self, path, json, **kw):
        return await self.call("PUT", path, json=json, **kw)

    async def patch(self, path, json, **kw):
        return await self.call("PATCH", path, json=json, **kw)

    async def delete(self, path, **kw):
        return await self.call("DELETE", path, **kw)


@pytest.fixture
def admin(client) -> Admin:
    return Admin(client)
