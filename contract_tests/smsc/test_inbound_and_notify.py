"""Inbound replies (`POST /__admin/inbound`) read back through get.php `get_answers`, and SMSC's
event notifications (status and incoming messages) pushed to a local receiver."""

from __future__ import annotations

import asyncio
import hashlib

import pytest

from mockserver.core.accounts import apply_fields

from .wire import smsc

PHONE = "79001234567"


async def inbound(client, **body) -> dict:
    response = await client.post("/__admin/inbound", json=body)
    assert response.status == 201, await response.text()
    return await response.json()


async def test_an_answer_to_a_sent_message_comes_back_through_get_answers(client, demo):
    sent = (await smsc(client, "send", {"phones": PHONE, "mes": "Reply YES", "fmt": "3"})).json()
    answer = await inbound(client, phone=PHONE, text="YES")
    assert (answer["provider"], answer["login"], answer["id"]) == ("smsc", "demo", 1)
    message = (await (await client.get("/__admin/messages")).json())["messages"][0]
    assert answer["reply_to"] == message["id"] and sent["id"] == 1
    reply = await smsc(client, "get", {"get_answers": "1", "fmt": "3"})
    assert reply.json() == [{"id": 1, "received": "01.01.2026 12:00:00", "phone": PHONE,
                             "to_phone": "", "sent": 1767258000, "message": "YES"}]


@pytest.mark.parametrize(("fmt", "expected"), [
    ("0", "id = 1, received = 01.01.2026 12:00:00, phone = 79001234567, "
          "to_phone = 79990000100, sent = 1767258000, message = Да, верно"),
    ("1", "1,01.01.2026 12:00:00,79001234567,79990000100,1767258000,Да, верно"),
    ("2", "<list>\n<sms>\n<id>1</id>\n<received>01.01.2026 12:00:00</received>\n"
          "<phone>79001234567</phone>\n<to_phone>79990000100</to_phone>\n"
          "<sent>1767258000</sent>\n<message>Да, верно</message>\n</sms>\n</list>"),
    ("3", '[{\n"id": 1,\n"received": "01.01.2026 12:00:00",\n"phone": "79001234567",\n'
          '"to_phone": "79990000100",\n"sent": 1767258000,\n"message": "Да, верно"\n}]'),
])
async def test_get_answers_in_the_four_formats(client, demo, fmt, expected):
    await inbound(client, provider="smsc", login="demo", phone="+79001234567",
                  text="Да, верно", to="79990000100")
    reply = await smsc(client, "get", {"get_answers": "1", "fmt": fmt}, charset="utf-8")
    assert reply.text == expected


async def test_no_answers_is_an_empty_list(client, demo):
    assert (await smsc(client, "get", {"get_answers": "1", "fmt": "3"})).json() == []
    assert (await smsc(client, "get", {"get_answers": "1", "fmt": "1"})).text == ""


async def test_get_answers_pages_with_after_id_and_cnt_and_filters_hour_and_to_phone(
        client, demo, state):
    for n, to in enumerate(["79990000100", "79990000101", "79990000100"], start=1):
        await inbound(client, provider="smsc", login="demo", phone=PHONE, text=f"m{n}", to=to)
        state.scheduler.advance(3600)
    ids = [row["id"] for row in (await smsc(client, "get", {
        "get_answers": "1", "after_id": "1", "fmt": "3"})).json()]
    assert ids == [2, 3]
    assert [r["id"] for r in (await smsc(client, "get", {
        "get_answers": "1", "cnt": "1", "fmt": "3"})).json()] == [1]
    assert [r["id"] for r in (await smsc(client, "get", {
        "get_answers": "1", "hour": "2", "fmt": "3"})).json()] == [2, 3]
    assert [r["id"] for r in (await smsc(client, "get", {
        "get_answers": "1", "to_phone": "79990000100", "fmt": "3"})).json()] == [1, 3]


@pytest.mark.parametrize("params", [{"hour": "169"}, {"hour": "0"}, {"cnt": "10001"},
                                    {"after_id": "x"}])
async def test_get_answers_out_of_range_is_error_1(client, demo, params):
    reply = await smsc(client, "get", {"get_answers": "1", "fmt": "1", **params})
    assert reply.text == "0,-1"


async def test_answers_of_another_account_stay_there(client, demo, state):
    await client.put("/__admin/accounts/smsc/other", json={"password": "x"})
    await inbound(client, provider="smsc", login="other", phone=PHONE, text="hi")
    assert (await smsc(client, "get", {"get_answers": "1", "fmt": "3"})).json() == []


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"text": "x"}, 400, "invalid_inbound"),
    ({"phone": "abc", "text": "x", "provider": "smsc", "login": "demo"}, 400, "invalid_inbound"),
    ({"phone": PHONE, "text": "", "provider": "smsc", "login": "demo"}, 400, "invalid_inbound"),
    ({"phone": PHONE, "text": "x"}, 400, "invalid_inbound"),  # nobody wrote to that phone
    ({"phone": PHONE, "text": "x", "provider": "smsc", "login": "nobody"}, 404,
     "account_not_found"),
    ({"phone": PHONE, "text": "x", "reply_to": "nope"}, 404, "message_not_found"),
    ({"phone": PHONE, "text": "x", "colour": "red"}, 400, "invalid_inbound"),
])
async def test_a_bad_inbound_is_refused_with_the_field_named(client, body, status, code):
    response = await client.post("/__admin/inbound", json=body)
    assert response.status == status
    assert (await response.json())["error"]["code"] == code


async def test_a_status_notification_reaches_the_accounts_handler(client, demo, state,
                                                                  receiver):
    url, received, _ = receiver
    apply_fields(demo, {"callback_url": url, "password": "demo"})
    await smsc(client, "send", {"phones": PHONE, "mes": "hello", "id": "77"})
    method, params = await asyncio.wait_for(received.get(), timeout=5)  # handed to the operator
    assert (method, params["status"]) == ("POST", "0")
    state.scheduler.advance(2)
    _, params = await asyncio.wait_for(received.get(), timeout=5)
    assert params == {"id": "77", "phone": PHONE, "status": "1", "err": "0",
                      "time": "1767258002", "ts": "1767258002", "cnt": "1", "type": "0",
                      "sha1": hashlib.sha1(f"77:{PHONE}:1:demo".encode()).hexdigest()}


async def test_an_incoming_message_notification_names_the_message_answered(
        client, demo, receiver):
    url, received, _ = receiver
    apply_fields(demo, {"callback_url": url, "callback_method": "GET"})
    await smsc(client, "send", {"phones": PHONE, "mes": "Reply YES", "id": "5"})
    await asyncio.wait_for(received.get(), timeout=5)  # the status push
    await inbound(client, phone=PHONE, text="YES", to="79990000100")
    method, params = await asyncio.wait_for(received.get(), timeout=5)
    assert method == "GET"
    assert params == {"id": "1", "sms_id": "5", "phone": PHONE, "mes": "YES",
                      "to": "79990000100", "sent": "1767258000", "time": "1767258000",
                      "sha1": hashlib.sha1(f"1:{PHONE}:YES:79990000100:demo".encode()
                                           ).hexdigest()}


async def test_a_failing_handler_is_retried_on_the_mock_clock(client, demo, state, receiver):
    url, received, answers = receiver
    answers += [500]
    apply_fields(demo, {"callback_url": url})
    await inbound(client, provider="smsc", login="demo", phone=PHONE, text="hi")
    await asyncio.wait_for(received.get(), timeout=5)
    await asyncio.sleep(0.05)
    state.scheduler.advance(1)
    _, params = await asyncio.wait_for(received.get(), timeout=5)
    assert params["mes"] == "hi"
    await asyncio.sleep(0.05)
    hooks = (await (await client.get("/__admin/webhooks")).json())["webhooks"]
    assert [a["status"] for a in hooks[0]["attempts"]] == [500, 200]


async def test_no_callback_url_no_push(client, demo, state):
    await smsc(client, "send", {"phones": PHONE, "mes": "x"})
    await inbound(client, phone=PHONE, text="y")
    state.scheduler.advance(2)
    assert (await (await client.get("/__admin/webhooks")).json())["webhooks"] == []
