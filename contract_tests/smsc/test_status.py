"""status.php: one message or several, all=0|1|2, the four formats, SMSC's numeric statuses."""

from __future__ import annotations

import pytest

from mockserver.core.messages import Status
from mockserver.core.sending import Refusal
from mockserver.providers.smsc.errors import StatusError
from mockserver.providers.smsc.statuses import (
    STATUS_NAMES,
    SmscStatus,
    canonical_status,
    refusal_status,
    smsc_status,
)

from .wire import documented_error, lock_out, smsc, violation_rules

PHONE = "79001234567"
T0 = 1767258000  # 2026-01-01 09:00:00 UTC, the fixtures' frozen start
SENT, LAST = "01.01.2026 12:00:00", "01.01.2026 12:00:02"  # Moscow time


@pytest.fixture
async def delivered(client, state, demo):
    """Message 1 to PHONE, "Hello, world", delivered 2 s after sending."""
    await smsc(client, "send", {"phones": PHONE, "mes": "Hello, world", "id": "1"})
    state.scheduler.advance(5)


async def _status(client, fmt="0", **params):
    return await smsc(client, "status", {"phone": PHONE, "id": "1", "fmt": fmt, **params})


# --- one message ------------------------------------------------------------------------------
async def test_all_0_in_the_four_formats(client, delivered):
    assert (await _status(client, "0")).text == f"Status = 1, check_time = {LAST}, err = 0"
    assert (await _status(client, "1")).text == f"1,{T0 + 2},0"
    assert (await _status(client, "2")).text == (
        f"<sms>\n<status>1</status>\n<last_date>{LAST}</last_date>\n"
        f"<last_timestamp>{T0 + 2}</last_timestamp>\n<flag>0</flag>\n<err>0</err>\n</sms>")
    reply = await _status(client, "3")
    assert reply.text == (f'{{\n"status": 1,\n"last_date": "{LAST}",\n'
                          f'"last_timestamp": {T0 + 2},\n"flag": 0,\n"err": 0\n}}')


async def test_all_1_in_the_four_formats(client, delivered):
    assert (await _status(client, "0", all="1")).text == (
        f"Status = 1, check_time = {LAST}, err = 0, send_date = {SENT}, phone = {PHONE}, "
        "cost = 1.40, sender_id = SMSC.ru, status_name = Доставлено, message = Hello, world, "
        "comment = , type = 0")
    assert (await _status(client, "1", all="1")).text == (
        f"1,{T0 + 2},0,{T0},{PHONE},1.40,SMSC.ru,Доставлено,Hello, world")
    xml = (await _status(client, "2", all="1")).text
    assert xml.startswith("<sms>\n<status>1</status>\n") and xml.endswith("</sms>")
    assert "<status_name>Доставлено</status_name>\n<message>Hello, world</message>" in xml
    assert (await _status(client, "3", all="1")).json() == {
        "status": 1, "last_date": LAST, "last_timestamp": T0 + 2, "flag": 0, "err": 0,
        "send_date": SENT, "send_timestamp": T0, "phone": PHONE, "cost": "1.40",
        "sender_id": "SMSC.ru", "status_name": "Доставлено", "message": "Hello, world",
        "comment": "", "type": 0, "sms_cnt": 1}


async def test_all_2_adds_country_operator_and_region(client, delivered):
    document = (await _status(client, "3", all="2")).json()
    assert (document["country"], document["operator"], document["region"],
            document["mccmnc"]) == ("Россия", "Tele2", "", "25020")
    assert (await _status(client, "1", all="2")).text == (
        f"1,{T0 + 2},0,Россия,Tele2,,{T0},{PHONE},1.40,SMSC.ru,Доставлено,Hello, world")


def parse_status_fmt1(line: str, all_: int) -> list[str]:
    """How the official libraries read a status line: split on commas; with `all`, join again
    and split with a limit so that the message text, last, keeps its commas."""
    fields = line.split(",")
    if all_ and len(fields) > 9:
        fields = ",".join(fields).split(",", 8 if all_ == 1 else 11)
    return fields


@pytest.mark.parametrize("text", ["a,b", "1,2,3,4,5,6,7", "no commas", ",,,"])
async def test_fmt1_all_1_keeps_the_message_last_so_commas_survive(client, state, demo, text):
    await smsc(client, "send", {"phones": PHONE, "mes": text, "id": "9"})
    for all_, count in ((1, 9), (2, 12)):
        reply = await smsc(client, "status", {"phone": PHONE, "id": "9", "all": str(all_),
                                              "fmt": "1"})
        fields = parse_status_fmt1(reply.text, all_)
        assert len(fields) == count and fields[-1] == text
        assert [int(f) for f in fields[:3]] == [0, T0, 0]


# --- several messages ---------------------------------------------------------------------------
async def test_an_id_list_gives_one_line_per_message(client, state, demo):
    await smsc(client, "send", {"phones": PHONE, "mes": "one", "id": "1"})
    await smsc(client, "send", {"phones": "79001234568", "mes": "two", "id": "2"})
    state.scheduler.advance(5)
    params = {"phone": f"{PHONE},79001234568", "id": "1,2"}
    assert (await smsc(client, "status", {**params, "fmt": "1"})).text == (
        f"1,{T0 + 2},0,1,{PHONE}\n1,{T0 + 2},0,2,79001234568")
    state.scheduler.advance(60)
    assert (await smsc(client, "status", {**params, "fmt": "3"})).json() == [
        {"status": 1, "last_date": LAST, "last_timestamp": T0 + 2, "flag": 0, "err": 0,
         "id": 1, "phone": PHONE},
        {"status": 1, "last_date": LAST, "last_timestamp": T0 + 2, "flag": 0, "err": 0,
         "id": 2, "phone": "79001234568"}]
    state.scheduler.advance(60)
    xml = (await smsc(client, "status", {**params, "fmt": "2"})).text
    assert xml.startswith("<list>\n<sms>\n") and xml.count("<sms>") == 2
    state.scheduler.advance(60)
    text = (await smsc(client, "status", {**params, "fmt": "0"})).text.split("\n")
    assert text[1] == f"Status = 1, check_time = {LAST}, err = 0, id = 2, phone = 79001234568"


async def test_a_trailing_comma_keeps_the_multiple_format_for_one_message(client, delivered):
    reply = await smsc(client, "status", {"phone": f"{PHONE},", "id": "1,", "all": "2",
                                          "fmt": "3"})
    (entry,) = reply.json()
    assert entry["id"] == 1 and entry["phone"] == PHONE and entry["country"] == "Россия"


async def test_one_phone_for_several_ids(client, state, demo):
    await smsc(client, "send", {"phones": PHONE, "mes": "one", "id": "181"})
    await smsc(client, "send", {"phones": PHONE, "mes": "two", "id": "182"})
    reply = await smsc(client, "status", {"phone": PHONE, "id": "182,181,138", "fmt": "3"})
    assert [(e["id"], e["status"]) for e in reply.json()] == [(182, 0), (181, 0), (138, -3)]
    assert reply.json()[2] == {"status": -3, "id": 138, "phone": PHONE}


async def test_several_numbers_of_one_send_are_told_apart_by_phone(client, state, demo):
    state.planner.add_rule({"match": {"phone": "79001234568"}, "outcome": {"sms": "undelivered"}})
    await smsc(client, "send", {"phones": f"{PHONE},79001234568", "mes": "x", "id": "5"})
    state.scheduler.advance(5)
    first = await smsc(client, "status", {"phone": PHONE, "id": "5", "fmt": "1"})
    second = await smsc(client, "status", {"phone": "+79001234568", "id": "5", "fmt": "1"})
    assert first.text.split(",")[0] == "1" and second.text.split(",")[::2] == ["20", "6"]


# --- statuses -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("phone", "viber", "code", "err"), [
    ("79001234567", False, 1, 0),  # delivered
    ("79990000002", False, 20, 6),  # undelivered
    ("79990000003", False, 3, 0),  # expired
    ("79990000004", False, 23, 255),  # rejected
    ("79990000006", False, 3, 0),  # no report: expired when its validity ends
    ("79990000007", False, 20, 245),  # unknown: no status received
    ("79990000008", False, -3, 0),  # deleted: gone from the history
    ("79990000005", True, 2, 0),  # Viber, read
])
async def test_the_outcomes_in_smsc_codes(client, state, demo, phone, viber, code, err):
    params = {"phones": phone, "mes": "x", "id": "7", "valid": "1"}
    if viber:
        params["viber"] = "1"
    await smsc(client, "send", params)
    state.scheduler.advance(3600)  # valid=1: the end of its validity
    reply = await smsc(client, "status", {"phone": phone, "id": "7", "fmt": "3", "all": "1"})
    document = reply.json()
    assert (document["status"], document.get("err", 0)) == (code, err)
    if code != -3:
        assert document["status_name"] == STATUS_NAMES[code]
        assert document["flag"] == (10 if viber else 0)


async def test_a_message_that_is_not_found(client, demo):
    for fmt, expected in (("0", "Status = -3"), ("1", "-3,0,0"),
                          ("2", "<sms>\n<status>-3</status>\n</sms>"),
                          ("3", '{\n"status": -3\n}')):
        reply = await smsc(client, "status", {"phone": PHONE, "id": "404", "fmt": fmt,
                                              "all": "1"})
        assert reply.text == expected


def test_the_status_mapping_both_ways():
    for status in Status:
        assert canonical_status(*_pair(smsc_status(status))) is status
    assert smsc_status(Status.SENT, virtual=True) == SmscStatus(0, 200)
    assert canonical_status(0, 200) is Status.SENT
    for code in (-1, 0, 1, 2, 3, 20, 23):
        assert smsc_status(canonical_status(code, _err_of(code))).code == code
    with pytest.raises(ValueError):
        canonical_status(4)  # "link clicked" has no canonical status


def test_numbers_refused_at_send_time_in_smsc_codes():
    assert {refusal: (s.code, s.err) for refusal in Refusal
            for s in [refusal_status(refusal)]} == {
        Refusal.UNKNOWN_COUNTRY: (22, 249), Refusal.NO_ROUTE: (25, 248),
        Refusal.BLACKLISTED: (23, 252), Refusal.REPEAT: (23, 251),
        Refusal.LOW_BALANCE: (24, 0), Refusal.DUPLICATE_CLIENT_ID: (23, 244)}
    assert {refusal_status(r).name for r in Refusal} >= {
        "Неверный номер", "Недоступный номер", "Запрещено", "Недостаточно средств"}


def _pair(status: SmscStatus) -> tuple[int, int]:
    return status.code, status.err


def _err_of(code: int) -> int:
    return {20: 6, 23: 255}.get(code, 0)


# --- deleting and errors ------------------------------------------------------------------------
async def test_del_1_withdraws_a_message_still_with_the_operator(client, state, demo):
    await smsc(client, "send", {"phones": "79990000006", "mes": "x", "id": "8"})
    reply = await smsc(client, "status", {"phone": "79990000006", "id": "8", "del": "1",
                                          "fmt": "3"})
    assert reply.json() == {"result": "OK"}
    (message,) = state.messages
    assert message.status == "deleted"


async def _missing_id(client, fmt):
    return await smsc(client, "status", {"phone": PHONE, "fmt": fmt})


async def _wrong_password(client, fmt):
    return await smsc(client, "status", {"login": "demo", "psw": "x", "phone": PHONE, "id": "1",
                                         "fmt": fmt}, auth=False)


async def _blocked(client, fmt):
    headers = await lock_out(client, "status", "198.51.100.9")
    return await smsc(client, "status", {"phone": PHONE, "id": "1", "fmt": fmt}, headers=headers)


async def _delete_delivered(client, fmt):
    return await smsc(client, "status", {"phone": PHONE, "id": "1", "del": "1", "fmt": fmt})


async def _too_often(client, fmt):
    for _ in range(5):
        await smsc(client, "status", {"phone": PHONE, "id": "1", "fmt": fmt})
    return await smsc(client, "status", {"phone": PHONE, "id": "1", "fmt": fmt})


STATUS_CASES = {
    StatusError.PARAMETERS: _missing_id,
    StatusError.AUTHORISE: _wrong_password,
    StatusError.IP_BLOCKED: _blocked,
    StatusError.DELETE_FAILED: _delete_delivered,
    StatusError.DUPLICATE: _too_often,
}


@pytest.mark.parametrize("fmt", ["0", "1", "2", "3"])
@pytest.mark.parametrize("error", list(StatusError), ids=lambda e: e.name)
async def test_each_status_error_in_each_format(client, delivered, error, fmt):
    assert set(STATUS_CASES) == set(StatusError)
    reply = await STATUS_CASES[error](client, fmt)
    code, text = error.value.code, error.value.description
    assert reply.text == documented_error(code, text, fmt)


async def test_more_than_one_mass_request_a_minute_is_error_9(client, state, delivered):
    params = {"phone": f"{PHONE},{PHONE}", "id": "1,1", "fmt": "1"}
    assert (await smsc(client, "status", params)).text.startswith("1,")
    assert (await smsc(client, "status", params)).text == "0,-9"
    state.scheduler.advance(60)
    assert (await smsc(client, "status", params)).text.startswith("1,")


async def test_the_list_form_of_one_message_is_limited_as_that_message(client, delivered):
    """`id=1,` keeps the list's reply shape, and the five-a-minute limit of one message."""
    params = {"phone": f"{PHONE},", "id": "1,", "fmt": "1"}
    for _ in range(5):
        assert (await smsc(client, "status", params)).text == f"1,{T0 + 2},0,1,{PHONE}"
    assert (await smsc(client, "status", params)).text == "0,-9"


@pytest.mark.parametrize("params", [{"id": "1"}, {"phone": "1,2,3", "id": "1,2"}])
async def test_status_parameter_errors(client, delivered, params):
    assert (await smsc(client, "status", {**params, "fmt": "1"})).text == "0,-1"


async def test_asking_for_an_unknown_message_is_noted_for_the_developer(client, demo):
    await smsc(client, "status", {"phone": PHONE, "id": "404", "fmt": "1"})
    assert await violation_rules(client) == ["unknown_message"]
