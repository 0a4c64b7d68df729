"""send.php: the success replies of every cost mode in the four formats, and what a send does."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from .wire import smsc, violation_rules

PHONE = "79001234567"


async def test_fmt0_is_the_documented_string(client, demo):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "test", "id": "1234"})
    assert reply.status == 200
    assert reply.text == "OK - 1 SMS, ID - 1234"
    # Parsers take the id as the last word of the line.
    assert reply.text.split()[-1] == "1234"


@pytest.mark.parametrize(("cost", "expected"), [
    ("0", "1234,1"),
    ("1", "1.40,1"),
    ("2", "1234,1,1.40"),
    ("3", "1234,1,1.40,100.50"),
])
async def test_fmt1_quotes_the_documented_examples(client, demo, cost, expected):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "test", "id": "1234",
                                        "cost": cost, "fmt": "1"})
    assert reply.text == expected
    assert reply.content_type == "text/plain"


@pytest.mark.parametrize(("cost", "expected"), [
    ("0", "OK - 1 SMS, ID - 1234"),
    ("1", "COST - 1.40, SMS - 1"),
    ("2", "OK - 1 SMS, ID - 1234, COST - 1.40"),
    ("3", "OK - 1 SMS, ID - 1234, COST - 1.40, BALANCE - 100.50"),
])
async def test_fmt0_every_cost_mode(client, demo, cost, expected):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "test", "id": "1234",
                                        "cost": cost})
    assert reply.text == expected


@pytest.mark.parametrize(("cost", "expected"), [
    ("0", "<result>\n<id>1234</id>\n<cnt>1</cnt>\n</result>"),
    ("1", "<result>\n<cost>1.40</cost>\n<cnt>1</cnt>\n</result>"),
    ("2", "<result>\n<id>1234</id>\n<cnt>1</cnt>\n<cost>1.40</cost>\n</result>"),
    ("3", "<result>\n<id>1234</id>\n<cnt>1</cnt>\n<cost>1.40</cost>\n"
          "<balance>100.50</balance>\n</result>"),
])
async def test_fmt2_every_cost_mode(client, demo, cost, expected):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "test", "id": "1234",
                                        "cost": cost, "fmt": "2"})
    assert reply.text == expected
    assert reply.content_type == "text/xml"


@pytest.mark.parametrize(("cost", "expected"), [
    ("0", {"id": 1234, "cnt": 1}),
    ("1", {"cost": "1.40", "cnt": 1}),
    ("2", {"id": 1234, "cnt": 1, "cost": "1.40"}),
    ("3", {"id": 1234, "cnt": 1, "cost": "1.40", "balance": "100.50"}),
])
async def test_fmt3_keys_only_when_asked_for_with_their_types(client, demo, cost, expected):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "test", "id": "1234",
                                        "cost": cost, "fmt": "3"})
    document = reply.json()
    assert document == expected
    assert list(document) == list(expected)  # in SMSC's order
    for key in ("id", "cnt"):
        assert key not in document or type(document[key]) is int
    for key in ("cost", "balance"):
        assert key not in document or type(document[key]) is str
    assert reply.content_type == "application/json"


async def test_fmt3_layout_is_byte_for_byte_the_captured_one(client, demo):
    # Captured reply: Content-Type application/json; charset=windows-1251, 22 bytes.
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "test", "id": "33", "fmt": "3"})
    assert reply.body == b'{\n"id": 33,\n"cnt": 1\n}'
    assert (reply.content_type, reply.charset) == ("application/json", "windows-1251")


async def test_without_id_or_with_id_0_the_server_assigns_one(client, demo):
    first = (await smsc(client, "send", {"phones": PHONE, "mes": "a", "fmt": "3"})).json()
    second = (await smsc(client, "send", {"phones": PHONE, "mes": "b", "id": "0",
                                          "fmt": "3"})).json()
    assert isinstance(first["id"], int) and second["id"] > first["id"] > 0


async def test_a_letter_id_of_the_client_is_kept(client, demo):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "a", "id": "order-17.a",
                                        "fmt": "3"})
    assert reply.json() == {"id": "order-17.a", "cnt": 1}


async def test_post_form_and_get_are_the_same(client, demo):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "post", "id": "5", "fmt": "1"},
                       method="POST")
    assert reply.text == "5,1"


async def test_several_numbers_share_one_id_and_cnt_adds_up(client, state, demo):
    reply = await smsc(client, "send", {"phones": f"{PHONE},79001234568;+79001234569",
                                        "mes": "x", "cost": "2", "fmt": "3"})
    document = reply.json()
    assert document["cnt"] == 3 and document["cost"] == "4.20"
    messages = state.messages.by_provider_id(str(document["id"]), "smsc", "demo")
    assert sorted(m.phone for m in messages) == [PHONE, "79001234568", "79001234569"]


@pytest.mark.parametrize(("text", "parts"), [
    ("a" * 160, 1), ("a" * 161, 2), ("a" * 306, 2), ("a" * 307, 3), ("a" * 720, 5),
    ("я" * 70, 1), ("я" * 71, 2), ("я" * 134, 2), ("я" * 135, 3),
])
async def test_segment_counts_follow_smsc(client, demo, text, parts):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": text, "cost": "1", "fmt": "3"},
                       charset="utf-8")
    assert reply.json() == {"cost": f"{Decimal('1.40') * parts:.2f}", "cnt": parts}


async def test_charging_and_balance(client, demo):
    await smsc(client, "send", {"phones": PHONE, "mes": "a" * 161})
    assert demo.balance == Decimal("99.10")


async def test_cost_1_prices_without_sending_or_charging(client, state, demo):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "cost": "1", "fmt": "1"})
    assert reply.text == "1.40,1"
    assert len(state.messages) == 0 and demo.balance == Decimal("101.90")


async def test_cost_1_quotes_even_when_the_balance_would_not_cover_it(client, demo):
    demo.balance = Decimal("0")
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "cost": "1", "fmt": "3"})
    assert reply.json() == {"cost": "1.40", "cnt": 1}


async def test_viber_1_sends_a_viber_message(client, state, demo):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "a" * 500, "viber": "1",
                                        "sender": "Shop", "cost": "2", "fmt": "3"})
    assert reply.json()["cost"] == "0.80"
    (message,) = state.messages
    assert message.channels[0].channel == "viber" and message.channels[0].sender == "Shop"


async def test_default_sender_and_a_registered_one(client, state, demo):
    await smsc(client, "send", {"phones": PHONE, "mes": "a"})
    await smsc(client, "send", {"phones": PHONE, "mes": "b", "sender": "MyShop"})
    assert [m.channels[0].sender for m in state.messages] == ["SMSC.ru", "MyShop"]


async def test_a_comment_after_the_mark_is_not_sent(client, state, demo):
    await smsc(client, "send", {"phones": PHONE, "mes": "Hello\n~~~\norder 17"})
    (message,) = state.messages
    assert message.channels[0].text == "Hello" and message.meta["comment"] == "order 17"


async def test_apikey_authenticates_instead_of_login_and_psw(client, demo):
    demo.api_key = "K3Y"
    reply = await smsc(client, "send", {"apikey": "K3Y", "phones": PHONE, "mes": "x",
                                        "fmt": "1", "id": "7"}, auth=False)
    assert reply.text == "7,1"
    empty_login = await smsc(client, "send", {"login": "", "psw": "K3Y", "phones": PHONE,
                                              "mes": "y", "fmt": "1", "id": "8"}, auth=False)
    assert empty_login.text == "8,1"


async def test_the_lowercase_md5_of_the_password_is_accepted(client, demo):
    reply = await smsc(client, "send", {"login": "demo", "psw": "fe01ce2a7fbac8fafaed7c982a04e229",
                                        "phones": PHONE, "mes": "x", "fmt": "1", "id": "9"},
                       auth=False)
    assert reply.text == "9,1"


# --- err=1 and op=1 ---------------------------------------------------------------------------
async def test_op_1_lists_every_number_with_mccmnc_cost_and_status(client, demo):
    reply = await smsc(client, "send", {"phones": f"{PHONE},123", "mes": "x", "op": "1",
                                        "id": "40", "fmt": "3"})
    assert reply.json() == {"id": 40, "cnt": 1, "phones": [
        {"phone": PHONE, "mccmnc": "25020", "cost": "1.40", "status": "0"},
        {"phone": "123", "mccmnc": "", "cost": "0.00", "status": "22", "error": "249"},
    ]}


async def test_op_1_shows_an_unavailable_number_and_a_queued_one(client, demo):
    reply = await smsc(client, "send", {"phones": f"{PHONE},12025550123", "mes": "x", "op": "1",
                                        "id": "42", "time": "+10", "fmt": "1"})
    assert reply.text == "42,1\n79001234567,25020,1.40,-1,0\n12025550123,310,0.00,25,248"


async def test_err_1_lists_only_the_failed_numbers(client, demo):
    params = {"phones": f"{PHONE},79990000009", "mes": "x", "err": "1", "id": "41"}
    assert (await smsc(client, "send", {**params, "fmt": "1"})).text == \
        "41,1\n79990000009,250,0.00,23,252"
    lines = (await smsc(client, "send", {**params, "mes": "y"})).text.split("\n")
    assert lines == ["OK - 1 SMS, ID - 41",
                     "phone = 79990000009, mccmnc = 250, cost = 0.00, status = 23, error = 252"]
    xml = (await smsc(client, "send", {**params, "mes": "z", "fmt": "2"})).text
    assert xml == ('<result>\n<id>41</id>\n<cnt>1</cnt>\n<phones>\n'
                   '<phone mccmnc="250" cost="0.00" status="23" error="252">79990000009</phone>'
                   '\n</phones>\n</result>')


# --- charsets ---------------------------------------------------------------------------------
@pytest.mark.parametrize("charset", ["windows-1251", "utf-8", "koi8-r", None])
async def test_a_cyrillic_text_round_trips_in_each_charset(client, state, demo, charset):
    text = "Привет, мир! Ёлка"
    reply = await smsc(client, "send", {"phones": PHONE, "mes": text, "fmt": "3", "id": "50"},
                       charset=charset)
    assert reply.charset == (charset or "windows-1251")
    (message,) = state.messages
    assert message.channels[0].text == text
    state.scheduler.advance(5)
    status = await smsc(client, "status", {"phone": PHONE, "id": "50", "all": "1", "fmt": "3"},
                        charset=charset)
    assert status.json()["message"] == text
    assert status.json()["status_name"] == "Доставлено"
    assert "Привет".encode(status.charset.replace("koi8-r", "koi8_r")
                           .replace("windows-1251", "cp1251")) in status.body


async def test_without_charset_the_request_is_windows_1251(client, state, demo):
    raw = "phones=79001234567&mes=%CF%F0%E8%E2%E5%F2&login=demo&psw=demo"  # cp1251 "Привет"
    response = await client.get(f"/sys/send.php?{raw}")
    assert response.status == 200
    (message,) = state.messages
    assert message.channels[0].text == "Привет"


async def test_a_cp1251_form_body(client, state, demo):
    body = b"login=demo&psw=demo&phones=79001234567&mes=%D2%E5%F1%F2"
    response = await client.post("/sys/send.php", data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    assert await response.text() == "OK - 1 SMS, ID - 1"
    assert next(iter(state.messages)).channels[0].text == "Тест"


async def test_a_multipart_body_as_the_node_library_sends_it(client, state, demo):
    from aiohttp import FormData
    form = FormData()
    for key, value in {"fmt": "3", "login": "demo", "psw": "demo", "charset": "utf-8",
                       "phones": PHONE, "mes": "Тест из формы"}.items():
        form.add_field(key, value)
    response = await client.post("/sys/send.php", data=form)
    assert json.loads(await response.text())["cnt"] == 1
    assert next(iter(state.messages)).channels[0].text == "Тест из формы"


async def test_an_unknown_charset_falls_back_to_the_default_and_is_noted(client, state, demo):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "charset": "ebcdic"})
    assert reply.charset == "windows-1251" and reply.text.startswith("OK - 1 SMS")
    assert await violation_rules(client) == ["unknown_charset"]


async def test_an_unknown_fmt_gets_the_text_format_and_is_noted(client, demo):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "id": "3", "fmt": "json"})
    assert reply.text == "OK - 1 SMS, ID - 3"
    assert await violation_rules(client) == ["unknown_fmt"]
