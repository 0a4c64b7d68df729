"""Rules the document states that the service lets pass are journaled as violations, and the
replies the document shows byte for byte: /rates/ in the document's order, for the countries
the account's routes allow."""

from __future__ import annotations

import pytest

from mockserver.core.accounts import Account

AUTH = {"username": "demo", "api_key": "demo"}


async def send(client, **params) -> dict:
    response = await client.get("/im/send/", params={**AUTH, **params})
    return await response.json()


async def violations(client) -> list[tuple[str, str]]:
    found = (await (await client.get("/__admin/violations")).json())["violations"]
    return [(v["rule"], v["field"]) for v in found]


async def test_a_plus_before_a_number_is_journaled(client):
    # 000 l.19: "номер телефону одержувача, в міжнародному форматі, без «+»"
    reply = await send(client, to="+380501234567,380501234568", im_message="x")
    assert [entry["status"] for entry in reply["reply"]] == ["OK", "OK"]
    assert await violations(client) == [("number_with_plus", "to")]


async def test_a_number_without_plus_is_not_journaled(client):
    await send(client, to="380501234567", im_message="x")
    assert await violations(client) == []


@pytest.mark.parametrize(("given", "missing"), [("sms_source", "sms_message"),
                                                 ("sms_message", "sms_source")])
async def test_either_half_of_the_sms_fallback_alone_means_no_fallback_and_a_violation(
        client, state, given, missing):
    # 000 l.29-30: sms_source is used in a pair with sms_message.
    reply = await send(client, to="79990000001", im_message="x", **{given: "Shop"})
    [entry] = reply["reply"]
    assert entry["status"] == "OK"
    message = state.messages.by_provider_id(entry["message_id"])[0]
    assert [attempt.channel for attempt in message.channels] == ["viber"]
    assert await violations(client) == [("sms_fallback_without_pair", given)]


async def status(client, message_id: str, timezone: str) -> dict:
    response = await client.get("/im/status/", params={
        **AUTH, "requests": message_id, "timeformat": "time", "timezone": timezone})
    return (await response.json())[message_id]


@pytest.mark.parametrize("name", ["UTC", "utc", "Utc"])
async def test_utc_in_any_case_is_utc(client, name):
    message_id = (await send(client, to="380501234567", im_message="x"))["reply"][0][
        "message_id"]
    # The frozen clock starts at 09:00:00 UTC.
    assert await status(client, message_id, name) == {"date": "09:00:00", "status": "sent",
                                                       "time_zone": "UTC"}
    assert await violations(client) == []


async def test_an_unknown_timezone_is_journaled_and_the_profiles_zone_used(client):
    message_id = (await send(client, to="380501234567", im_message="x"))["reply"][0][
        "message_id"]
    assert await status(client, message_id, "Mars/Olympus") == {
        "date": "11:00:00", "status": "sent", "time_zone": "Europe/Kyiv"}
    assert await violations(client) == [("unknown_timezone", "timezone")]


@pytest.fixture
def foo(state):
    # The operators given "" first: the reply still lists them in the document's order.
    account = Account.from_mapping("inteltele", "foo", {
        "api_keys": ["bar"], "balance": "10.00",
        "rates": {"sms": {"ru": {"": "0.234567", "01": "0.123456"},
                          "ua": {"": "0.45", "03": "0.40", "01": "0.41"}}},
    })
    state.accounts.put(account)
    return account


async def rates(client) -> str:
    return await (await client.get("/rates/?username=foo&api_key=bar")).text()


async def test_rates_list_operators_in_the_documents_order(client, foo):
    # 000 l.156: {"user": {"ru": {"01": [0.123456, 0], "": [0.234567, 0]}}}
    assert await rates(client) == (
        '{"user": {"ru": {"01": [0.123456, 0], "": [0.234567, 0]}, '
        '"ua": {"01": [0.41, 0], "03": [0.4, 0], "": [0.45, 0]}}}')


async def test_rates_list_only_the_countries_the_routes_allow(client, foo):
    foo.routes = {"ru"}
    assert await rates(client) == '{"user": {"ru": {"01": [0.123456, 0], "": [0.234567, 0]}}}'
    foo.routes = {"kz"}
    assert await rates(client) == '{"user": {}}'


async def test_the_repeat_rule_counts_accepted_messages_whatever_refused_the_others(
        client, state):
    # 000 l.52: a repeated message to the same number within 1 minute is blocked. A number
    # or a request refused for another reason sent nothing, so it does not start the minute.
    demo = state.accounts.get("inteltele", "demo")
    demo.blacklist.add("380501234567")
    demo.senders = {"viber": ["Shop"]}
    [blacklisted] = (await send(client, to="380501234567", im_message="x", im_sender="Shop"))[
        "reply"]
    assert blacklisted["status"] == "error: number is blacklisted"
    demo.blacklist.clear()
    wrong_sender = await send(client, to="380501234567", im_message="x", im_sender="Other")
    assert wrong_sender == {"reply": [{"status": "error: wrong sender"}]}
    [first] = (await send(client, to="380501234567", im_message="x", im_sender="Shop"))["reply"]
    assert first["status"] == "OK"
    state.scheduler.advance(59)
    [again] = (await send(client, to="380501234567", im_message="x", im_sender="Shop"))["reply"]
    assert again == {"number": "380501234567", "status": "error: repeat detected"}
    [other] = (await send(client, to="380501234567", im_message="y", im_sender="Shop"))["reply"]
    assert other["status"] == "OK"
