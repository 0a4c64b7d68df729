"""Properties of IntelTele's API under any input: a documented reply shape, never a 500."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from decimal import Decimal

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..live import call

OK_ENTRY = {"type": "object", "additionalProperties": False,
            "required": ["status", "cost", "country", "mcc", "number", "message_id"],
            "properties": {"status": {"const": "OK"}, "cost": {"pattern": r"^\d+\.\d{6}$"},
                           "country": {"pattern": "^[a-z]{2}$"}, "mcc": {"pattern": r"^\d{3}$"},
                           "number": {"type": "string"},
                           "message_id": {"pattern": "^[0-9a-f-]{36}$"}}}
REQUEST_ERROR = {"type": "object", "additionalProperties": False, "required": ["status"],
                 "properties": {"status": {"enum": [
                     "error: wrong username/api_key", "error: wrong api key",
                     "error: bruteforcing detected", "error: ip not allowed",
                     "error: can't send message", "error: message is too long",
                     "error: sender is banned", "error: wrong sender"]}}}
NUMBER_ERROR = {"type": "object", "additionalProperties": False, "required": ["number", "status"],
                "properties": {"number": {"type": "string"},
                               "status": {"enum": ["error: number is blacklisted",
                                                   "error: repeat detected",
                                                   "error: can't determine country",
                                                   "error: no route to country",
                                                   "error: low balance"]},
                               "cost": {"pattern": r"^\d+\.\d{6}$"}}}
SEND = {"type": "object", "additionalProperties": False, "required": ["reply"],
        "properties": {"reply": {"type": "array", "minItems": 1,
                                 "items": {"anyOf": [OK_ENTRY, REQUEST_ERROR, NUMBER_ERROR]}}}}
STATUS_ENTRY = {"type": "object", "additionalProperties": False, "required": ["status"],
                "properties": {"date": {"type": "string"}, "time_zone": {"type": "string"},
                               "status": {"enum": ["sent", "delivrd", "unknown", "rejectd",
                                                   "expired", "undeliv", "deleted",
                                                   "error: message not found"]}}}
STATUS = {"anyOf": [{"type": "object", "additionalProperties": STATUS_ENTRY},
                    {"type": "object", "properties": {"reply": SEND["properties"]["reply"]},
                     "required": ["reply"], "additionalProperties": False}]}
ACCOUNT_ERROR = {"anyOf": [
    {"type": "object", "additionalProperties": False, "required": ["message", "error"],
     "properties": {"message": {"const": "Invalid auth"}, "error": {"const": True}}},
    {"type": "object", "additionalProperties": False, "required": ["status", "error"],
     "properties": {"status": {"enum": ["bruteforcing detected", "ip not allowed"]},
                    "error": {"const": True}}}]}


def _amount(key):
    return {"type": "object", "additionalProperties": False, "required": [key],
            "properties": {key: {"pattern": r"^-?\d+\.\d{2}$"}}}


RATES = {"type": "object", "additionalProperties": False, "required": ["user"],
         "properties": {"user": {"type": "object", "additionalProperties": {
             "type": "object", "additionalProperties": {
                 "type": "array", "prefixItems": [{"type": "number"}, {"enum": [0, 1]}],
                 "minItems": 2, "maxItems": 2}}}}}
SHAPES = {
    "/im/send/": SEND,
    "/im/status/": STATUS,
    "/balance/": {"anyOf": [_amount("balance"), ACCOUNT_ERROR]},
    "/credit/": {"anyOf": [_amount("credit"), ACCOUNT_ERROR]},
    "/rates/": {"anyOf": [RATES, ACCOUNT_ERROR]},
}


NAMES = st.sampled_from(["username", "api_key", "to", "im_sender", "im_message", "im_image",
                         "im_button_text", "im_button_link", "im_ttl", "sms_source",
                         "sms_message", "requests", "timeformat", "timezone", "x"])
VALUES = st.one_of(
    st.text(max_size=40), st.sampled_from(["demo", "380501234567", "79990000009,7123456789",
                                           "99900000000", "datetime", "UTC", "Mars/Phobos",
                                           "0", "-5", "86401", "x" * 1001]),
    st.integers(-10**6, 10**20).map(str))
PARAMS = st.dictionaries(NAMES, VALUES, max_size=8).map(
    lambda d: {**{"username": "demo", "api_key": "demo"}, **d} if d.get("x") == "" else d)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(sorted(SHAPES)), method=st.sampled_from(["GET", "POST"]),
       params=PARAMS, body_kind=st.sampled_from(["form", "json", "garbage", "none"]),
       garbage=st.binary(max_size=64))
def test_any_request_gets_a_documented_reply_never_a_500(live, path, method, params, body_kind,
                                                         garbage):
    query = urllib.parse.urlencode(params) if method == "GET" or body_kind == "none" else ""
    body, content_type = None, "application/x-www-form-urlencoded"
    if method == "POST":
        if body_kind == "form":
            body = urllib.parse.urlencode(params).encode()
        elif body_kind == "json":
            body, content_type = json.dumps(params).encode(), "application/json"
        elif body_kind == "garbage":
            body, content_type = garbage, "application/json"
    status, reply_type, reply = call(live, path, method, query, body, content_type)
    assert status == 200, reply
    assert reply_type == "application/json"
    jsonschema.validate(json.loads(reply), SHAPES[path])


@settings(max_examples=40, deadline=None)
@given(raw=st.binary(min_size=1, max_size=80))
def test_malformed_percent_encoding_is_answered(live, raw):
    query = ("username=demo&api_key=demo&to=380501234567&im_message="
             + urllib.parse.quote_from_bytes(raw) + "%ZZ%C3")
    status, _, reply = call(live, "/im/send/", "GET", query, None, "text/plain")
    assert status == 200
    jsonschema.validate(json.loads(reply), SEND)


def test_a_huge_body_is_refused_with_the_documented_error(live):
    body = b"username=demo&api_key=demo&to=380501234567&im_message=" + b"a" * 2_000_000
    status, _, reply = call(live, "/im/send/", "POST", "", body,
                            "application/x-www-form-urlencoded")
    assert status == 200
    assert json.loads(reply) == {"reply": [{"status": "error: can't send message"}]}


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.tuples(st.text(min_size=1, max_size=300),
                                st.one_of(st.none(), st.text(min_size=1, max_size=500))),
                      min_size=1, max_size=6))
def test_balance_never_below_minus_credit_and_cost_is_parts_times_rate(live, texts):
    """Property over the whole HTTP path: what each reply charged is parts x rate, and the
    account never goes below -credit however many sends and fallbacks it pays for."""
    state = live.state
    account = state.accounts.get("inteltele", "demo")
    account.balance, account.credit = Decimal("0.70"), Decimal("0.30")
    for im_message, sms_message in texts:
        params = {"username": "demo", "api_key": "demo", "to": "380501234567,79990000001",
                  "im_message": im_message, "im_ttl": "15"}
        if sms_message is not None:
            params.update(sms_source="Shop", sms_message=sms_message)
        _, _, reply = call(live, "/im/send/", "POST", "",
                           urllib.parse.urlencode(params).encode(),
                           "application/x-www-form-urlencoded")
        for entry in json.loads(reply)["reply"]:
            if entry["status"] == "OK":
                rate = state.pricing.quote(account, "viber", entry["country"], "", 1)
                assert Decimal(entry["cost"]) == rate
        state.scheduler.advance(20)  # 79990000001 has no Viber: its SMS fallbacks start, charged
        assert account.balance >= -account.credit
    for message in state.messages.by_phone("79990000001"):
        sms = message.attempt("sms")
        if sms is not None and sms.cost is not None:
            assert sms.cost == Decimal("0.234567") * sms.parts
