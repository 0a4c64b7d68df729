"""Every body the control plane takes is checked against the schema the OpenAPI document
publishes; a refusal is a 400 that names the call, the key and the bad value."""

from __future__ import annotations

import json

import pytest

from mockserver.admin.openapi import document
from mockserver.schemas import DOCUMENTS, MAX_DEPTH

from .conftest import check_against_spec

DEMO_SEND = {"username": "demo", "api_key": "demo", "im_message": "Hi", "to": "380501234567"}


async def raw_call(client, method: str, path: str, body: bytes) -> tuple[int, dict]:
    response = await client.request(method, "/__admin" + path, data=body,
                                    headers={"Content-Type": "application/json"})
    reply = await response.json()
    check_against_spec(method, "/__admin" + path, response.status, reply)
    return response.status, reply


def test_request_bodies_in_the_openapi_document_are_the_schemas_the_mock_checks():
    spec = document()
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters" or "requestBody" not in operation:
                continue
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            name = body["$ref"].rsplit("/", 1)[1]
            schema = spec["components"]["schemas"][name]
            refs = [body["$ref"]] if name in DOCUMENTS else [
                choice["$ref"] for choice in schema["anyOf"]]  # e.g. a scenario or its name
            for ref in refs:
                name = ref.rsplit("/", 1)[1]
                assert spec["components"]["schemas"][name] is DOCUMENTS[name], (method, path)
    assert set(DOCUMENTS) == {"AccountFields", "NewRule", "NewFault", "ClockMove", "Event",
                              "Scenario", "ShippedScenario", "InboundNew", "ResetScope"}


# (call, body, error code, words the message must hold: the key and the bad value)
REFUSALS = [
    ("PATCH /accounts/inteltele/demo", {"balance": 1e308}, "invalid_account",
     ["PATCH /__admin/accounts/inteltele/demo", "balance", "1e+308"]),
    ("PATCH /accounts/inteltele/demo", {"credit": "-5"}, "invalid_account", ["credit", '"-5"']),
    ("PATCH /accounts/inteltele/demo", {"vk_enabled": "yes"}, "invalid_account",
     ["vk_enabled", '"yes"']),
    ("PATCH /accounts/inteltele/demo", {"rates": {"sms": {"ru": {"": "free"}}}},
     "invalid_account", ['rates.sms.ru[""]', '"free"']),
    ("PATCH /accounts/inteltele/demo", {"senders": {"fax": []}}, "invalid_account",
     ["senders", '"fax"']),
    ("PUT /accounts/smsc/new", {"password": "x", "pasword": "y"}, "invalid_account",
     ["pasword", '"y"', "unknown key"]),
    ("PUT /accounts/smsc/new", [1, 2], "invalid_account", ["[1, 2]", "object"]),
    ("PUT /accounts/smsc/new", "text", "invalid_account", ['"text"', "object"]),
    ("POST /rules", {"outcome": {"sms": "delivered"}, "after_s": -1}, "invalid_rule",
     ["POST /__admin/rules", "after_s", "-1"]),
    ("POST /rules", {"outcome": {"sms": "delivered"}, "after_s": 1e20}, "invalid_rule",
     ["after_s", "1e+20"]),
    ("POST /rules", {"outcome": {"sms": "delivered"}, "then": 1}, "invalid_rule", ["then"]),
    ("POST /rules", {"match": {"phone": 79001234567}, "outcome": {"sms": "read"}},
     "invalid_rule", ["match.phone", "79001234567", "string"]),
    ("POST /faults", {"kind": "delay", "delay_ms": -5}, "invalid_fault", ["delay_ms", "-5"]),
    ("POST /faults", {"kind": "status", "status": 999}, "invalid_fault", ["status", "999"]),
    ("POST /faults", {"kind": "status", "probability": 2}, "invalid_fault",
     ["probability", "2"]),
    ("POST /faults", {"kind": "status", "times": 0}, "invalid_fault", ["times", "0"]),
    ("POST /clock", {"advance": 1e20}, "invalid_clock", ["advance", "1e+20"]),
    ("POST /clock", {"advance": -1}, "invalid_clock", ["advance", "-1"]),
    ("POST /clock", {"advance": True}, "invalid_clock", ["advance", "true"]),
    ("POST /clock", {"set": "9999-12-31T23:59:59Z"}, "invalid_clock",
     ["set", "9999-12-31T23:59:59Z"]),
    ("POST /clock", {"set": "2026-13-01T00:00:00Z"}, "invalid_clock",
     ["set", "2026-13-01T00:00:00Z"]),
    ("POST /clock", {"speed": 2}, "invalid_clock", ["speed", "2"]),
    ("POST /scenario", {"limits": {"journal_size": 0}}, "invalid_scenario",
     ["POST /__admin/scenario", "limits.journal_size", "0"]),
    ("POST /scenario", {"limits": {"bruteforce_block_s": -300}}, "invalid_scenario",
     ["limits.bruteforce_block_s", "-300"]),
    ("POST /scenario", {"limits": {"lenient": True}}, "invalid_scenario",
     ["limits.lenient", "true"]),
    ("POST /scenario", {"delivery": {"after_s": -2}}, "invalid_scenario",
     ["delivery.after_s", "-2"]),
    ("POST /scenario", {"clock": {"start": "tomorrow"}}, "invalid_scenario",
     ["clock.start", '"tomorrow"']),
    ("POST /scenario", {"operators": {"ru": {"7910": 1}}}, "invalid_scenario",
     ['operators.ru["7910"]', "1"]),
    ("POST /scenario", {"accounts": [{"provider": "smsc", "login": "a", "balance": "1e308"}]},
     "invalid_scenario", ["accounts[0].balance", '"1e308"']),
    ("POST /scenario", {"rules": [{"outcome": {"fax": "read"}}]}, "invalid_scenario",
     ["rules[0].outcome", '"fax"']),
    ("POST /scenario", {"faults": [{"kind": "delay", "delay_ms": 0}]}, "invalid_scenario",
     ["faults[0]", "delay_ms"]),
    ("POST /scenario", {"acounts": []}, "invalid_scenario", ["acounts", "unknown key"]),
    ("POST /scenario", [], "invalid_scenario", ["[]", "object"]),
]


@pytest.mark.parametrize(("call", "body", "code", "words"), REFUSALS,
                         ids=[f"{c} {json.dumps(b)[:40]}" for c, b, _, _ in REFUSALS])
async def test_a_bad_body_is_a_400_naming_the_call_the_key_and_the_value(
        admin, call, body, code, words):
    method, path = call.split(" ")
    before = await admin.get("/accounts/inteltele/demo")
    error = await admin.call(method, path, json=body, expect=400)
    assert error["error"]["code"] == code
    for word in words:
        assert word in error["error"]["message"], error["error"]["message"]
    assert await admin.get("/accounts/inteltele/demo") == before  # nothing changed


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize(("call", "template"), [
    ("POST /clock", '{"advance": %s}'),
    ("POST /rules", '{"outcome": {"sms": "read"}, "after_s": %s}'),
    ("POST /faults", '{"kind": "status", "probability": %s}'),
    ("PATCH /accounts/inteltele/demo", '{"balance": %s}'),
    ("POST /scenario", '{"delivery": {"after_s": %s}}'),
])
async def test_non_finite_numbers_are_refused(client, call, template, constant):
    method, path = call.split(" ")
    status, reply = await raw_call(client, method, path, (template % constant).encode())
    assert status == 400, reply
    assert constant.lstrip("-") in reply["error"]["message"]
    assert "finite" in reply["error"]["message"]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 100_000])
@pytest.mark.parametrize("call", ["POST /rules", "POST /faults", "POST /clock",
                                  "PATCH /accounts/inteltele/demo", "POST /scenario",
                                  "PUT /accounts/smsc/deep"])
async def test_deep_nesting_is_a_400_not_a_recursion_error(client, call, depth):
    method, path = call.split(" ")
    body = ('{"match": ' + "[" * depth + "]" * depth + "}").encode()
    status, reply = await raw_call(client, method, path, body)
    assert status == 400, reply
    assert "deeper" in reply["error"]["message"]


async def test_a_deep_toml_scenario_is_a_400(client):
    body = "a = " + "[" * 100_000 + "]" * 100_000
    response = await client.post("/__admin/scenario", data=body,
                                 headers={"Content-Type": "application/toml"})
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "invalid_scenario"


async def test_a_toml_scenario_is_checked_against_the_same_schema(client):
    response = await client.post("/__admin/scenario", data="[limits]\nmax_recipients = -1\n",
                                 headers={"Content-Type": "application/toml"})
    assert response.status == 400
    message = (await response.json())["error"]["message"]
    assert "limits.max_recipients" in message and "-1" in message
    response = await client.post("/__admin/scenario", data="[delivery]\nafter_s = nan\n",
                                 headers={"Content-Type": "application/toml"})
    assert response.status == 400 and "finite" in (await response.json())["error"]["message"]


async def test_an_event_body_names_the_key(admin, client):
    await client.get("/im/send/", params=DEMO_SEND)
    message = (await admin.get("/messages"))["messages"][0]
    path = f"/messages/{message['id']}/events"
    error = await admin.post(path, {"channel": "viber", "status": "teleported"}, expect=400)
    assert error["error"]["code"] == "invalid_event"
    assert "status" in error["error"]["message"] and '"teleported"' in error["error"]["message"]
    error = await admin.post(path, {"status": "delivered"}, expect=400)
    assert "'channel' is required" in error["error"]["message"]


# --- the clock survives every move it accepts ------------------------------------------------
async def test_the_clock_refuses_to_move_past_the_latest_instant_it_keeps(admin, client):
    await admin.post("/clock", {"set": "8999-12-31T23:59:50Z"}, expect=200)
    reply = await (await client.get("/im/send/", params=DEMO_SEND)).json()
    assert reply["reply"][0]["status"] == "OK"  # delivery scheduled past the last instant
    error = await admin.post("/clock", {"advance": 60}, expect=400)
    assert "advance" in error["error"]["message"] and "9000-01-01" in error["error"]["message"]
    moved = await admin.post("/clock", {"advance": 9.5}, expect=200)
    assert moved["now"] == "8999-12-31T23:59:59.500Z"
    assert (await admin.get("/messages"))["messages"][0]["status"] == "delivered"
    await admin.post("/clock", {"set": "9000-01-01T00:00:00Z"}, expect=400)
    # a refused move changes nothing, not even the mode asked for with it
    await admin.post("/clock", {"advance": 3600, "mode": "real"}, expect=400)
    assert await admin.get("/clock") == {"now": "8999-12-31T23:59:59.500Z", "mode": "frozen"}


@pytest.mark.parametrize("instant", ["0001-01-01T00:00:00+01:00", "8999-12-31T23:00:00-05:00",
                                     "1969-12-31T23:59:59Z"])
async def test_instants_at_the_edge_of_the_calendar_are_400(admin, instant):
    error = await admin.post("/clock", {"set": instant}, expect=400)
    assert error["error"]["code"] == "invalid_clock" and "set" in error["error"]["message"]
    assert (await admin.get("/clock"))["now"] == "2026-01-01T09:00:00Z"


async def test_the_longest_advance_the_schema_takes_is_survived(admin, client):
    reply = await (await client.get("/im/send/", params=DEMO_SEND)).json()
    assert reply["reply"][0]["status"] == "OK"
    limit = DOCUMENTS["ClockMove"]["properties"]["advance"]["maximum"]
    moved = await admin.post("/clock", {"advance": limit}, expect=200)
    assert moved["now"].startswith("2126-")
    assert (await admin.get("/messages"))["messages"][0]["status"] == "delivered"
    reply = await (await client.get("/im/send/", params=DEMO_SEND)).json()
    assert reply["reply"][0]["status"] == "OK"


async def test_an_account_as_listed_is_a_valid_body_and_a_valid_scenario(admin):
    """What GET shows can be sent back as it is: the listed shape passes the input schema."""
    for account in (await admin.get("/accounts"))["accounts"]:
        path = f"/accounts/{account['provider']}/{account['login']}"
        assert await admin.put(path, account, expect=200) == account
    everything = (await admin.get("/accounts"))["accounts"]
    await admin.post("/scenario", {"accounts": everything}, expect=200)
    assert (await admin.get("/accounts"))["accounts"] == everything
