"""A message's whole life on the frozen clock: send, status, delivery report, SMS fallback."""

from __future__ import annotations

import asyncio
import re

import aiohttp
import pytest

from mockserver.core.accounts import apply_fields

AUTH = {"username": "demo", "api_key": "demo"}


async def status_of(client, message_id: str, **extra) -> dict:
    response = await client.get("/im/status/", params={**AUTH, "requests": message_id, **extra})
    return (await response.json())[message_id]


async def send(client, **params) -> dict:
    response = await client.post("/im/send/", data={**AUTH, **params})
    return (await response.json())["reply"][0]


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_send_status_advance_delivered_and_reported(client, state, receiver, method):
    url, received, _ = receiver
    apply_fields(state.accounts.get("inteltele", "demo"),
                 {"callback_url": url, "callback_method": method})
    sent = await send(client, to="380501234567", im_message="Your code is 1234")
    message_id = sent["message_id"]
    assert (await status_of(client, message_id))["status"] == "sent"

    await client.post("/__admin/clock", json={"advance": 2})
    status = await status_of(client, message_id, timeformat="datetime", timezone="UTC")
    assert status == {"date": "01-01-2026 09:00:02", "status": "delivrd", "time_zone": "UTC"}

    got_method, params = await asyncio.wait_for(received.get(), timeout=5)
    assert got_method == method
    assert params == {"msgid": message_id, "status": "delivrd",
                      "datetime": "2026-01-01 09:00:02"}
    await asyncio.sleep(0.05)
    hooks = (await (await client.get("/__admin/webhooks")).json())["webhooks"]
    assert hooks[0]["state"] == "delivered" and hooks[0]["attempts"][0]["status"] == 200


async def test_status_dates_follow_timeformat_and_timezone(client, state):
    message_id = (await send(client, to="380501234567", im_message="x"))["message_id"]
    state.scheduler.advance(2)
    assert await status_of(client, message_id) == {"status": "delivrd",
                                                   "time_zone": "Europe/Kyiv"}
    assert (await status_of(client, message_id, timeformat="date"))["date"] == "01-01-2026"
    assert (await status_of(client, message_id, timeformat="time"))["date"] == "11:00:02"
    moscow = await status_of(client, message_id, timeformat="datetime",
                             timezone="Europe/Moscow")
    assert moscow == {"date": "01-01-2026 12:00:02", "status": "delivrd",
                      "time_zone": "Europe/Moscow"}


async def test_several_ids_in_one_status_request(client, state):
    first = (await send(client, to="380501234567", im_message="a"))["message_id"]
    second = (await send(client, to="79990000002", im_message="b"))["message_id"]  # undelivered
    state.scheduler.advance(2)
    reply = await (await client.get("/im/status/", params={
        **AUTH, "requests": f"{first},{second},nope"})).json()
    assert [reply[first]["status"], reply[second]["status"]] == ["delivrd", "undeliv"]
    assert reply["nope"] == {"status": "error: message not found"}


@pytest.mark.parametrize(("phone", "word"), [
    ("79990000002", "undeliv"), ("79990000003", "expired"), ("79990000004", "rejectd"),
    ("79990000007", "unknown"), ("79990000008", "deleted"), ("79990000005", "delivrd"),
])
async def test_every_documented_status_word(client, state, phone, word):
    message_id = (await send(client, to=phone, im_message="x", im_ttl="3600"))["message_id"]
    state.scheduler.advance(3600)  # expired comes at the end of im_ttl
    assert (await status_of(client, message_id))["status"] == word


async def test_sms_fallback_when_the_number_has_no_viber(client, state, receiver):
    url, received, _ = receiver
    apply_fields(state.accounts.get("inteltele", "demo"), {"callback_url": url})
    reply = await send(client, to="79990000001", im_message="Viber text", im_ttl="60",
                       sms_source="Shop", sms_message="SMS text")
    assert reply["cost"] == "0.200000"  # the request charged the Viber attempt only
    state.scheduler.advance(2)  # Viber undelivered -> the SMS starts, and is charged
    message = state.messages.by_provider_id(reply["message_id"])[0]
    viber, sms = message.channels
    assert (viber.status, sms.status, sms.sender, sms.text) == ("undelivered", "sent", "Shop",
                                                                "SMS text")
    assert str(message.cost) == "0.434567"
    assert received.empty()  # no report while the fallback is under way
    state.scheduler.advance(2)
    assert (await status_of(client, reply["message_id"]))["status"] == "delivrd"
    _, params = await asyncio.wait_for(received.get(), timeout=5)
    assert params["status"] == "delivrd"


async def test_sms_fallback_when_viber_is_not_delivered_within_its_ttl(client, state):
    await client.post("/__admin/rules", json={"match": {"channel": "viber"},
                                              "outcome": {"viber": "none"}})
    reply = await send(client, to="380501234567", im_message="x", im_ttl="15",
                       sms_source="Shop", sms_message="y")
    state.scheduler.advance(14)
    message = state.messages.by_provider_id(reply["message_id"])[0]
    assert message.channels[1].status is None
    state.scheduler.advance(1)
    assert [a.status for a in message.channels] == ["expired", "sent"]


async def test_without_sms_message_there_is_no_fallback(client, state):
    reply = await send(client, to="79990000001", im_message="x")
    state.scheduler.advance(2)
    assert (await status_of(client, reply["message_id"]))["status"] == "undeliv"
    assert len(state.messages.by_provider_id(reply["message_id"])[0].channels) == 1


async def test_a_failing_report_is_retried_on_the_mock_clock(client, state, receiver):
    url, received, answers = receiver
    answers += [500, 503]
    apply_fields(state.accounts.get("inteltele", "demo"), {"callback_url": url})
    await send(client, to="380501234567", im_message="x")
    state.scheduler.advance(2)
    assert (await asyncio.wait_for(received.get(), 5))[1]["status"] == "delivrd"
    await asyncio.sleep(0.05)
    state.scheduler.advance(1)  # first retry after 1 s
    await asyncio.wait_for(received.get(), 5)
    await asyncio.sleep(0.05)
    state.scheduler.advance(4)  # not yet: the second retry waits 5 s
    await asyncio.sleep(0.05)
    assert received.empty()
    state.scheduler.advance(1)
    await asyncio.wait_for(received.get(), 5)
    await asyncio.sleep(0.05)
    hook = state.callbacks.log[1]
    assert [a.status for a in hook.attempts] == [500, 503, 200]
    assert hook.state == "delivered"


async def test_a_report_to_nowhere_is_given_up_after_five_retries(client, state):
    apply_fields(state.accounts.get("inteltele", "demo"),
                 {"callback_url": "http://127.0.0.1:9/unreachable"})
    await send(client, to="380501234567", im_message="x")
    state.scheduler.advance(2)
    for wait in (1, 5, 30, 120, 600, 0):
        await asyncio.sleep(0.2)
        state.scheduler.advance(wait)
    await asyncio.sleep(0.2)
    hook = state.callbacks.log[1]
    assert len(hook.attempts) == 6 and hook.state == "given_up"
    assert hook.attempts[0].status is None and hook.attempts[0].error


@pytest.mark.parametrize("encode", ["query", "form", "multipart", "json"])
async def test_parameters_come_from_wherever_the_client_puts_them(client, state, encode):
    params = {**AUTH, "to": "380501234567", "im_message": "Привіт, світ"}
    if encode == "query":
        response = await client.get("/im/send/", params=params)
    elif encode == "form":
        response = await client.post("/im/send/", data=params)
    elif encode == "multipart":
        form = aiohttp.FormData()
        for key, value in params.items():
            form.add_field(key, value)
        form._is_multipart = True
        response = await client.post("/im/send/", data=form)
    else:
        response = await client.post("/im/send/", json=params)
    reply = (await response.json())["reply"][0]
    assert reply["status"] == "OK"
    message = state.messages.by_provider_id(reply["message_id"])[0]
    assert message.channels[0].text == "Привіт, світ"


async def test_query_and_body_are_merged(client, state):
    response = await client.post("/im/send/?username=demo&api_key=demo",
                                 json={"to": ["380501234567", "380501234568"], "im_message": "x"})
    reply = (await response.json())["reply"]
    assert [entry["status"] for entry in reply] == ["OK", "OK"]


async def test_contract_violations_are_journaled_but_the_reply_is_the_providers(client):
    reply = await send(client, to="380501234567", im_message="x", im_ttl="5",
                       im_button_text="Go", im_image="ftp://example.com/pic.gif")
    assert reply["status"] == "OK"
    violations = (await (await client.get("/__admin/violations")).json())["violations"]
    rules = {v["rule"] for v in violations}
    assert {"im_ttl_out_of_range", "button_without_pair", "image_format",
            "image_not_a_url"} <= rules
    assert all(re.match(r"^[a-z_]+$", v["rule"]) and v["message"] for v in violations)


async def test_ttl_is_clamped_to_the_documented_range(client, state):
    for given, kept in (("5", 15), ("86401", 86400), ("abc", 15), ("", 15), ("600", 600)):
        reply = await send(client, to="380501234567", im_message=f"ttl {given}", im_ttl=given)
        message = state.messages.by_provider_id(reply["message_id"])[0]
        assert message.channels[0].ttl_s == kept


async def test_expired_comes_when_im_ttl_ends_in_seconds_never_before(client, state):
    # 79990000003 (README): expired, at the end of im_ttl (seconds, 000 l.25).
    reply = await send(client, to="79990000003", im_message="x", im_ttl="120",
                       sms_source="Shop", sms_message="y")
    state.scheduler.advance(119)
    assert (await status_of(client, reply["message_id"]))["status"] == "sent"
    state.scheduler.advance(1)
    message = state.messages.by_provider_id(reply["message_id"])[0]
    assert [a.status for a in message.channels] == ["expired", "sent"]


async def test_an_sms_fallback_never_reported_ends_unknown_after_a_day(client, state):
    # 79990000006: no report ever. Viber ends at its im_ttl (the default 15 s); the SMS
    # fallback has no validity and ends `unknown` after [delivery] no_report_final_s.
    reply = await send(client, to="79990000006", im_message="x", sms_source="Shop",
                       sms_message="y")
    state.scheduler.advance(15)
    message = state.messages.by_provider_id(reply["message_id"])[0]
    assert [a.status for a in message.channels] == ["expired", "sent"]
    state.scheduler.advance(86399)
    assert (await status_of(client, reply["message_id"]))["status"] == "sent"
    state.scheduler.advance(1)
    assert (await status_of(client, reply["message_id"]))["status"] == "unknown"
