"""Every request and reply example of IntelTele's document, as a golden test, byte for byte.
(The error replies, which the document prints as Python-style literals, are in test_errors.)"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from mockserver.core.accounts import Account
from mockserver.providers.inteltele import routes as inteltele_routes


@pytest.fixture
def foo(state):
    """The document's example account: username=foo, api_key=bar123 (and bar)."""
    account = Account.from_mapping("inteltele", "foo", {
        "api_keys": ["bar123", "bar"], "balance": "10.00",
        "rates": {"viber": {"ru": {"": "0.200000"}},
                  "sms": {"ru": {"01": "0.123456", "": "0.234567"}}},
    })
    state.accounts.put(account)
    return account


UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"

# curl "http://api.sms.intel-tele.com/im/send/?username=foo&api_key=bar123&to=7123456789&im_sender=IntelTele.com&im_message=Test+123&im_image=https%3A%2F%2Fintel-tele.com%2Fimages%2Flogo.png&im_button_text=Click&im_button_link=https%3A%2F%2Fintel-tele.com&im_ttl=120"
SEND_EXAMPLE = ("/im/send/?username=foo&api_key=bar123&to=7123456789&im_sender=IntelTele.com"
                "&im_message=Test+123&im_image=https%3A%2F%2Fintel-tele.com%2Fimages%2Flogo.png"
                "&im_button_text=Click&im_button_link=https%3A%2F%2Fintel-tele.com&im_ttl=120")
SEND_REPLY = ('{"reply": [{"status": "OK", "cost": "0.200000", "country": "ru", "mcc": "250", '
              '"number": "7123456789", "message_id": "3c32257b-e0b8-4be9-b0e6-e871116b4bdf"}]}')


async def test_send_example_byte_for_byte(client, foo, state):
    response = await client.get(SEND_EXAMPLE)
    assert response.status == 200
    assert response.content_type == "application/json"
    text = await response.text()
    assert re.fullmatch(re.escape(SEND_REPLY).replace(
        "3c32257b\\-e0b8\\-4be9\\-b0e6\\-e871116b4bdf", UUID), text), text
    message = state.messages.by_provider_id(json.loads(text)["reply"][0]["message_id"])[0]
    viber = message.channels[0]
    assert (viber.sender, viber.text, viber.button_text, viber.button_url, viber.image_url,
            viber.ttl_s) == ("IntelTele.com", "Test 123", "Click", "https://intel-tele.com",
                             "https://intel-tele.com/images/logo.png", 120)


async def test_second_success_example_cost(client, foo):
    # {"reply": [{"status": "OK", "cost": "0.186440", ... }]} Смс була успішно відправлена!
    foo.rates.prices["viber"]["ru"][""] = Decimal("0.186440")
    reply = await (await client.get("/im/send/", params={
        "username": "foo", "api_key": "bar123", "to": "7123456789", "im_message": "x"})).json()
    assert reply["reply"][0]["cost"] == "0.186440"
    assert list(reply["reply"][0]) == ["status", "cost", "country", "mcc", "number",
                                       "message_id"]


async def test_status_example(client, foo, state, monkeypatch):
    # curl ".../im/status/?username=foo&api_key=bar&requests=3c32257b-...&timezone=UTC&timeformat=datetime"
    # {"3c32257b-e0b8-4be9-b0e6-e871116b4bdf": {"date": "17-02-2013 12:08:29", "status": "rejectd", "time_zone": "UTC"}}
    example_id = "3c32257b-e0b8-4be9-b0e6-e871116b4bdf"
    monkeypatch.setattr(inteltele_routes.uuid, "uuid4", lambda: uuid.UUID(example_id))
    state.clock.restart("frozen", datetime(2013, 2, 17, 12, 8, 27, tzinfo=UTC))
    state.planner.add_rule({"match": {"login": "foo"}, "outcome": {"viber": "rejected"}})
    await client.get("/im/send/", params={"username": "foo", "api_key": "bar123",
                                          "to": "7123456789", "im_message": "Test 123"})
    state.scheduler.advance(2)
    response = await client.get(f"/im/status/?username=foo&api_key=bar&requests={example_id}"
                                "&timezone=UTC&timeformat=datetime")
    assert await response.text() == (
        '{"3c32257b-e0b8-4be9-b0e6-e871116b4bdf": {"date": "17-02-2013 12:08:29", '
        '"status": "rejectd", "time_zone": "UTC"}}')


async def test_balance_example(client, foo):
    # curl "http://api.sms.intel-tele.com/balance/?username=foo&api_key=bar" -> {"balance": "-0.42"}
    foo.balance, foo.credit = Decimal("-0.42"), 1
    response = await client.get("/balance/?username=foo&api_key=bar")
    assert await response.text() == '{"balance": "-0.42"}'


async def test_credit_example(client, foo):
    # curl "http://api.sms.intel-tele.com/credit/?username=foo&api_key=bar" -> {"credit": "1.23"}
    foo.credit = Decimal("1.23")
    response = await client.get("/credit/?username=foo&api_key=bar")
    assert await response.text() == '{"credit": "1.23"}'


async def test_rates_example(client, foo):
    # curl "http://api.sms.intel-tele.com/rates/?username=foo&api_key=bar"
    # {"user": {"ru": {"01": [0.123456, 0], "": [0.234567, 0]}}}
    response = await client.get("/rates/?username=foo&api_key=bar")
    assert await response.text() == '{"user": {"ru": {"01": [0.123456, 0], "": [0.234567, 0]}}}'


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("path", ["/im/send/", "/im/status/", "/balance/", "/credit/",
                                  "/rates/"])
async def test_every_path_answers_get_and_post_with_json(client, foo, path, method):
    params = {"username": "foo", "api_key": "bar", "to": "7123456789", "im_message": "x",
              "requests": "nope"}
    if method == "GET":
        response = await client.get(path, params=params)
    else:
        response = await client.post(path, data=params)
    assert response.status == 200 and response.content_type == "application/json"
    text = await response.text()
    assert "wrong" not in text and "Invalid auth" not in text, text
