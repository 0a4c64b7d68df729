"""Any JSON body on any control-plane call that takes one (every POST, PUT, PATCH and DELETE
but reset) is answered 2xx or 4xx, in the documented shape; never a 500. Keys are drawn from the schemas' own names, so the bodies reach past the first
"unknown key" into the values."""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockserver.admin.openapi import document
from mockserver.schemas import DOCUMENTS

from ..live import call
from .conftest import check_against_spec

SPEC = document()


def _keys(schema, found: set[str]) -> set[str]:
    if isinstance(schema, dict):
        found.update(schema.get("properties", {}))
        for value in schema.values():
            _keys(value, found)
    elif isinstance(schema, list):
        for value in schema:
            _keys(value, found)
    return found


KEYS = sorted(_keys(DOCUMENTS, set()) | {"*", "", "ru", "01", "viber", "sms"})
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
           | st.text(max_size=12) | st.sampled_from(["10.00", "2026-01-01T00:00:00Z", "delivered",
                                                     "inteltele", "sms", "frozen", "status"]))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=5),
    max_leaves=25,
)
BODIES = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6) | VALUES


@pytest.fixture(scope="module")
def operations(live):
    """Every (method, path) of the document, with real names in place of its parameters."""
    status, _, body = call(live, "/im/send/", query=urllib.parse.urlencode({
        "username": "demo", "api_key": "demo", "to": "380501234567", "im_message": "Hi"}))
    assert status == 200
    status, _, body = call(live, "/__admin/messages")
    message_id = json.loads(body)["messages"][0]["id"]
    names = {"provider": "inteltele", "login": "anybody", "id": message_id}  # others: "x"
    found = []
    for template, item in SPEC["paths"].items():
        path = re.sub(r"\{(\w+)\}", lambda m: names.get(m.group(1), "x"), template)
        found += [(method.upper(), path) for method in item
                  if method not in ("parameters", "get") and not path.endswith("/reset")]
    yield found
    call(live, "/__admin/reset", "POST")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), body=BODIES)
def test_any_json_body_on_any_call_is_2xx_or_4xx(live, operations, data, body):
    method, path = data.draw(st.sampled_from(operations))
    raw = json.dumps(body).encode()  # NaN and Infinity included, as Python's json writes them
    status, content_type, reply = call(live, path, method, body=raw,
                                       content_type="application/json")
    assert status < 500, (method, path, raw, reply)
    decoded = json.loads(reply) if content_type == "application/json" else reply
    check_against_spec(method, path, status, decoded)
