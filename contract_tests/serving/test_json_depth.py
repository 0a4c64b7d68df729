"""Nested JSON deeper than a sane bound on the provider paths gets the provider's documented
error for a body it cannot read, never a RecursionError (the crash watch would see one)."""

from __future__ import annotations

import pytest

from contract_tests.control_plane.conftest import Admin
from mockserver.providers.json_depth import MAX_DEPTH, depth
from mockserver.providers.targetsms.errors import TargetError


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 5_000, 200_000])
async def test_inteltele_answers_a_deeply_nested_body_as_an_unreadable_one(client, levels):
    body = '{"username": "demo", "api_key": "demo", "to": "380501234567", "x": ' + (
        nested(levels - 1) + "}")
    response = await client.post("/im/send/", data=body,
                                 headers={"Content-Type": "application/json"})
    assert await response.json() == {"reply": [{"status": "error: can't send message"}]}
    response = await client.post("/balance/", data=body,
                                 headers={"Content-Type": "application/json"})
    assert await response.json() == {"message": "Invalid auth", "error": True}
    [violation, _] = (await Admin(client).get("/violations"))["violations"]
    assert violation["rule"] == "unreadable_body" and f"deeper than {MAX_DEPTH}" in (
        violation["message"])


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 5_000, 200_000])
async def test_targetsms_answers_a_deeply_nested_document_as_bad_json(client, levels):
    body = ('{"login": "demo", "password": "demo", "message": [{"send_sms": "1", '
            '"templateData": ' + nested(levels - 3) + ', "phones": [{"phone": "79801234567"}]}]}')
    response = await client.post("/sendmessagejson.php", data=body.encode())
    assert await response.json() == {"error": TargetError.BAD_JSON.value}


async def test_documents_as_deep_as_the_bound_are_read(client):
    body = ('{"username": "demo", "api_key": "demo", "x": ' + nested(MAX_DEPTH - 1) + "}")
    response = await client.post("/balance/", data=body,
                                 headers={"Content-Type": "application/json"})
    assert await response.json() == {"balance": "1000.00"}


def test_depth_counts_lists_and_objects_alike():
    assert [depth(v) for v in (1, [], {"a": [1, {"b": {}}]}, [[[]]])] == [0, 1, 4, 3]
