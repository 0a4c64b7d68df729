"""senders.php, as its document describes it: the list in every format, add, change, delete,
the confirmation code by SMS, and every error of the document."""

from __future__ import annotations

import re

import pytest

from mockserver.core.accounts import SenderId
from mockserver.providers.smsc.errors import SendersError

from .test_concurrency import sixteen_at_once
from .wire import admin_messages, documented_error, lock_out, smsc

NUMBER = "79001112233"


async def senders(client, **params):
    return await smsc(client, "senders", params)


# --- the list ---------------------------------------------------------------------------------
@pytest.fixture
def registry(demo):
    demo.sender_ids = [
        SenderId(1, "SMSC.ru", "active"),
        SenderId(2, "Shop", "pending"),
        SenderId(3, "Old", "disabled"),
    ]
    return demo


@pytest.mark.parametrize(("fmt", "expected"), [
    ("0", "name = SMSC.ru, id = 1"),
    ("1", "SMSC.ru,1"),
    ("2", '<list>\n<sender id="1">SMSC.ru</sender>\n</list>'),
    ("3", '[{\n"sender": "SMSC.ru",\n"id": 1\n}]'),
])
async def test_all_0_lists_the_names_allowed_for_use(client, registry, fmt, expected):
    assert (await senders(client, get="1", fmt=fmt)).text == expected


@pytest.mark.parametrize(("fmt", "expected"), [
    ("0", "name = SMSC.ru, status = 1, id = 1\nname = Shop, status = 0, id = 2\n"
          "name = Old, status = 2, id = 3"),
    ("1", "SMSC.ru,1,1\nShop,0,2\nOld,2,3"),
    ("2", '<list>\n<sender status="1" id="1">SMSC.ru</sender>\n'
          '<sender status="0" id="2">Shop</sender>\n<sender status="2" id="3">Old</sender>\n'
          '</list>'),
    ("3", '[{\n"sender": "SMSC.ru",\n"status": 1,\n"id": 1\n},\n'
          '{\n"sender": "Shop",\n"status": 0,\n"id": 2\n},\n'
          '{\n"sender": "Old",\n"status": 2,\n"id": 3\n}]'),
])
async def test_all_1_lists_every_name_with_its_status(client, registry, fmt, expected):
    assert (await senders(client, get="1", all="1", fmt=fmt)).text == expected


TEXT_ORDER = ["mega_step", "bee_step", "motiv_step", "sber_step", "winmob_step",
              "volnamob_step", "mts_step", "tele2_step", "tele2", "ua_reg", "ua_int", "mega_int",
              "motiv_int", "mts_int", "motiv", "by_reg", "by_int", "tele2_int", "sber_int"]
JSON_ORDER = ["mega_step", "mega_int", "bee_step", "motiv", "motiv_step", "motiv_int",
              "sber_step", "sber_int", "winmob_step", "volnamob_step", "mts_step", "mts_int",
              "tele2_step", "tele2", "tele2_int", "ua_reg", "ua_int", "by_reg", "by_int"]


@pytest.fixture
def operators(demo):
    demo.sender_ids = [SenderId(7, "SMSC.ru", "active", extra={
        "operators": {"mts_step": 3, "tele2": 8}, "substitutes": {"mts_step": "SMS-INFO"}})]
    return demo


async def test_operators_1_fmt0(client, operators):
    values = {f: "2" for f in TEXT_ORDER} | {"mts_step": "3", "tele2": "8"}
    parts = ["name = SMSC.ru"]
    for field in TEXT_ORDER:
        parts.append(f"{field} = {values[field]}")
        if field == "mts_step":
            parts.append("mts_step_sub = SMS-INFO")  # the substitute name that operator shows
    parts.append("id = 7")
    assert (await senders(client, get="1", operators="1")).text == ", ".join(parts)


async def test_operators_1_fmt2(client, operators):
    xml = (await senders(client, get="1", operators="1", fmt="2")).text
    attributes = re.findall(r'(\w+)="([^"]*)"', xml)
    assert [name for name, _ in attributes] == (
        TEXT_ORDER[:7] + ["mts_step_sub"] + TEXT_ORDER[7:] + ["id"])
    assert dict(attributes)["mts_step"] == "3" and dict(attributes)["mts_step_sub"] == "SMS-INFO"
    assert xml.startswith("<list>\n<sender mega_step=") and xml.endswith(">SMSC.ru</sender>\n</list>")


async def test_operators_1_fmt3_has_string_values_and_a_string_id(client, operators):
    (entry,) = (await senders(client, get="1", operators="1", fmt="3")).json()
    keys = list(entry)
    assert keys[0] == "sender" and keys[-1] == "id" and entry["id"] == "7"
    assert [k for k in keys[1:-1] if k != "mts_step_sub"] == JSON_ORDER
    assert all(isinstance(entry[k], str) for k in keys)
    assert (entry["mts_step"], entry["tele2"], entry["mega_step"]) == ("3", "8", "2")


async def test_operators_1_fmt1_is_the_values_in_order_without_substitutes(client, operators):
    line = (await senders(client, get="1", operators="1", fmt="1")).text
    assert line.split(",")[0] == "SMSC.ru" and line.split(",")[-1] == "7"
    assert len(line.split(",")) == 2 + len(TEXT_ORDER) and "SMS-INFO" not in line


# --- the whole flow -----------------------------------------------------------------------------
async def test_add_send_code_read_it_check_list_delete(client, state, demo):
    added = await senders(client, add="1", sender=NUMBER, cmt="our hotline", fmt="3")
    new_id = added.json()["sender"]
    assert isinstance(new_id, int)
    assert (await senders(client, get="1", all="1", fmt="1")).text.endswith(f"{NUMBER},0,{new_id}")

    assert (await senders(client, send_code="1", sender=NUMBER)).text == "OK"
    (sms,) = await admin_messages(client, phone=NUMBER)  # the code arrives as a real SMS
    assert sms["channels"][0]["sender"] == "SMSC.ru"
    code = re.search(r"\d{4,}", sms["channels"][0]["text"]).group()
    state.scheduler.advance(5)
    assert (await admin_messages(client, phone=NUMBER))[0]["status"] == "delivered"

    assert (await senders(client, check_code="1", sender=NUMBER, code=code, fmt="2")).text == \
        "<result>OK</result>"
    listed = (await senders(client, get="1", fmt="3")).json()
    assert {"sender": NUMBER, "id": new_id} in listed  # allowed for use now

    assert (await senders(client, **{"del": "1"}, id=str(new_id), fmt="3")).json() == \
        {"result": "OK"}
    assert all(e["sender"] != NUMBER for e in (await senders(client, get="1", all="1",
                                                             fmt="3")).json())


async def test_the_code_sms_is_not_charged_to_the_account(client, demo):
    before = demo.balance
    await senders(client, add="1", sender=NUMBER)
    await senders(client, send_code="1", sender=NUMBER)
    assert demo.balance == before


async def test_a_new_name_can_send_once_confirmed(client, state, demo):
    await senders(client, add="1", sender=NUMBER)
    params = {"phones": "79001234567", "mes": "x", "sender": NUMBER, "fmt": "1", "id": "3"}
    assert (await smsc(client, "send", params)).text == "3,-6"
    await senders(client, send_code="1", sender=NUMBER)
    code = re.search(r"\d{4,}", (await admin_messages(client, phone=NUMBER))[0]["channels"][0]
                     ["text"]).group()
    await senders(client, check_code="1", sender=NUMBER, code=code)
    state.scheduler.advance(60)
    assert (await smsc(client, "send", params)).text == "3,1"


@pytest.mark.parametrize(("fmt", "expected"), [
    ("0", "ID = 4"), ("1", "4"), ("2", "<sender>\n<id>4</id>\n</sender>"),
    ("3", '{\n"sender": 4\n}'),
])
async def test_add_replies(client, demo, fmt, expected):
    assert (await senders(client, add="1", sender="NewShop", fmt=fmt)).text == expected


@pytest.mark.parametrize(("fmt", "expected"), [
    ("0", "OK"), ("1", "OK"), ("2", "<result>OK</result>"), ("3", '{\n"result": "OK"\n}'),
])
async def test_change_replies_and_changes_the_comment(client, demo, fmt, expected):
    assert (await senders(client, chg="1", sender="Demo", cmt="new", fmt=fmt)).text == expected
    assert (await senders(client, chg="1", id="2", cmt="by id", fmt=fmt)).text == expected
    assert demo.sender_ids[1].comment == "by id"


# --- every error of the document -----------------------------------------------------------------
async def _no_command(client, fmt):
    return await senders(client, fmt=fmt)


async def _wrong_login(client, fmt):
    return await smsc(client, "senders", {"login": "demo", "psw": "wrong", "get": "1",
                                          "fmt": fmt}, auth=False)


async def _not_found(client, fmt):
    return await senders(client, chg="1", sender="Nobody", fmt=fmt)


async def _blocked(client, fmt):
    headers = await lock_out(client, "senders", "203.0.113.99")
    return await smsc(client, "senders", {"get": "1", "fmt": fmt}, headers=headers)


async def _duplicate_name(client, fmt):
    return await senders(client, add="1", sender="Demo", fmt=fmt)


async def _not_a_number(client, fmt):
    return await senders(client, send_code="1", sender="Demo", fmt=fmt)


async def _undeliverable(client, fmt):
    await senders(client, add="1", sender="12025550123")  # no route to the United States
    return await senders(client, send_code="1", sender="12025550123", fmt=fmt)


async def _list_too_often(client, fmt):
    for _ in range(3):
        await senders(client, get="1", fmt=fmt)
    return await senders(client, get="1", fmt=fmt)


async def _concurrent(client, fmt, state):
    """Sixteen at once: the fifteenth and the sixteenth are refused."""
    refused = [r for r in await sixteen_at_once(client, state, fmt) if "OK" not in r.text]
    assert len(refused) == 2
    return refused[0]


async def _code_again(client, fmt):
    await senders(client, add="1", sender=NUMBER)
    await senders(client, send_code="1", sender=NUMBER)
    return await senders(client, send_code="1", sender=NUMBER, fmt=fmt)


async def _wrong_code(client, fmt):
    await senders(client, add="1", sender=NUMBER)
    await senders(client, send_code="1", sender=NUMBER)
    return await senders(client, check_code="1", sender=NUMBER, code="x", fmt=fmt)


SENDERS_CASES = {
    SendersError.PARAMETERS: _no_command,
    SendersError.AUTHORISE: _wrong_login,
    SendersError.SENDER_NOT_FOUND: _not_found,
    SendersError.IP_BLOCKED: _blocked,
    SendersError.SAVE_FAILED: _duplicate_name,
    SendersError.NUMBER_FORMAT: _not_a_number,
    SendersError.CODE_UNDELIVERABLE: _undeliverable,
    SendersError.TOO_MANY: _list_too_often,
    SendersError.TOO_MANY_CONCURRENT: _concurrent,
    SendersError.CODE_ALREADY_SENT: _code_again,
    SendersError.WRONG_CODE: _wrong_code,
}


def test_the_documented_codes_are_1_to_5_and_7_to_11():
    assert sorted({e.value.code for e in SendersError}) == [1, 2, 3, 4, 5, 7, 8, 9, 10, 11]
    assert set(SENDERS_CASES) == set(SendersError)


@pytest.mark.parametrize("fmt", ["0", "1", "2", "3"])
@pytest.mark.parametrize("error", list(SendersError), ids=lambda e: e.name)
async def test_each_senders_error_in_each_format(client, state, demo, error, fmt):
    make = SENDERS_CASES[error]
    reply = await (make(client, fmt, state) if error is SendersError.TOO_MANY_CONCURRENT
                   else make(client, fmt))
    code, text = error.value.code, error.value.description
    assert reply.status == 200
    assert reply.text == documented_error(code, text, fmt)


async def test_the_seed_descriptions_come_through_in_utf8_too(client, demo):
    reply = await smsc(client, "senders", {"chg": "1", "sender": "Nobody"}, charset="utf-8")
    assert reply.body == "ERROR = 3 (Имя отправителя не найдено.)".encode()


async def test_five_creates_a_minute_then_error_9(client, state, demo):
    for n in range(5):
        assert (await senders(client, add="1", sender=f"Shop{n}", fmt="1")).text.isdigit()
    assert (await senders(client, add="1", sender="Shop5", fmt="1")).text == "0,-9"
    state.scheduler.advance(60)
    assert (await senders(client, add="1", sender="Shop5", fmt="1")).text.isdigit()


async def test_three_identical_list_requests_a_minute(client, state, demo):
    for _ in range(3):
        await senders(client, get="1", fmt="1")
    assert (await senders(client, get="1", all="1", fmt="1")).text != "0,-9"  # not identical
    assert (await senders(client, get="1", fmt="1")).text == "0,-9"
    state.scheduler.advance(61)
    assert (await senders(client, get="1", fmt="1")).text != "0,-9"


async def test_a_code_can_be_sent_again_after_8_hours(client, state, demo):
    await senders(client, add="1", sender=NUMBER)
    assert (await senders(client, send_code="1", sender=NUMBER)).text == "OK"
    state.scheduler.advance(8 * 3600 - 1)
    assert (await senders(client, send_code="1", sender=NUMBER, fmt="1")).text == "0,-10"
    state.scheduler.advance(1)
    assert (await senders(client, send_code="1", sender=NUMBER)).text == "OK"
    assert len(await admin_messages(client, phone=NUMBER)) == 2


@pytest.mark.parametrize(("fmt", "expected"), [("0", "ERROR = 8 ("), ("1", "0,-8")])
async def test_a_code_to_a_blacklisted_number_is_error_8(client, demo, fmt, expected):
    blacklisted = "79990000009"  # on the demo account's blacklist
    demo.sender_ids.append(SenderId(9, blacklisted, "pending"))
    reply = await senders(client, send_code="1", sender=blacklisted, fmt=fmt)
    assert reply.text.startswith(expected)
    assert await admin_messages(client, phone=blacklisted) == []  # no code went out


async def test_a_code_to_an_invalid_number_is_error_7(client, demo):
    demo.sender_ids.append(SenderId(9, "123", "pending"))
    assert (await senders(client, send_code="1", sender="123", fmt="1")).text == "0,-7"


@pytest.mark.parametrize("name", ["", "TwelveLetter", "a" * 12, "1234567890123456", "Щит",
                                  "Shop,1"])
async def test_names_that_cannot_be_saved(client, demo, name):
    reply = await senders(client, add="1", sender=name, fmt="1")
    assert reply.text == ("0,-1" if name == "" else "0,-5")


async def test_check_code_without_a_code_is_a_parameters_error(client, demo):
    assert (await senders(client, check_code="1", sender="Demo", fmt="1")).text == "0,-1"


async def test_reset_forgets_the_codes(client, state, demo):
    await senders(client, add="1", sender=NUMBER)
    await senders(client, send_code="1", sender=NUMBER)
    await client.post("/__admin/reset")
    state.accounts.get("smsc", "demo").sender_ids.append(SenderId(9, NUMBER, "pending"))
    assert (await senders(client, send_code="1", sender=NUMBER)).text == "OK"
