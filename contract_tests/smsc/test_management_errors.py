"""Every row of every management path's error table, reached by a request that earns it, in
the four formats."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import pytest

from mockserver.providers.smsc.call_errors import (
    CALL_TABLES,
    GetError,
    InfoError,
    JobsError,
    MnpError,
    PhonesError,
    ReceivePhonesError,
    TemplatesError,
    UsersError,
)

from .wire import documented_error, lock_out, smsc

PHONE = "79001234567"
PATHS = {TemplatesError: "templates", PhonesError: "phones", JobsError: "jobs",
         UsersError: "users", ReceivePhonesError: "receive_phones", InfoError: "info",
         MnpError: "get_mnp", GetError: "get"}
# A request that works on each path (the error rows change it).
WORKING = {"templates": {"get": "1"}, "phones": {"get": "1"}, "jobs": {"get": "1"},
           "users": {"add": "1", "user": "u1", "password": "p"},
           "receive_phones": {"get": "1"}, "info": {"get_operator": "1", "phone": PHONE},
           "get_mnp": {"date": "01.01.2026"}, "get": {"get_answers": "1"}}


async def setup_none(client, demo):
    return None


async def with_template(client, demo):
    await smsc(client, "templates", {"add": "1", "name": "t", "msg": "m"})


async def with_contact(client, demo):
    await smsc(client, "phones", {"add": "1", "phone": PHONE})


async def with_two_contacts(client, demo):
    await with_contact(client, demo)
    await smsc(client, "phones", {"add": "1", "phone": "79001112233"})


async def with_sub_client(client, demo):
    await smsc(client, "users", {"add": "1", "user": "u1", "password": "p"})


async def poor(client, demo):
    demo.balance = Decimal("0")
    await with_sub_client(client, demo)


# (table member, how to set up, the failing request's parameters, how often it is sent)
CASES: list[tuple[Enum, object, dict[str, str], int]] = [
    (TemplatesError.PARAMETERS, setup_none, {"add": "1", "name": "t"}, 1),
    (TemplatesError.NOT_FOUND, setup_none, {"chg": "1", "id": "7", "msg": "x"}, 1),
    (TemplatesError.SAVE_FAILED, setup_none, {"add": "1", "name": "n" * 101, "msg": "x"}, 1),
    (TemplatesError.TOO_MANY, setup_none, {"get": "1"}, 11),
    (PhonesError.PARAMETERS, setup_none, {"move_group": "4", "grp": "1", "phone": PHONE}, 1),
    (PhonesError.NOT_FOUND, setup_none, {"del": "1", "phone": PHONE}, 1),
    (PhonesError.SAVE_FAILED, with_two_contacts,
     {"chg": "1", "phone": "79001112233", "new_phone": PHONE}, 1),
    (PhonesError.NUMBER_FORMAT, setup_none, {"add": "1", "phone": "12ab"}, 1),
    (PhonesError.TOO_MANY, setup_none, {"get_group": "1"}, 11),
    (JobsError.PARAMETERS, setup_none, {"add": "1", "name": "j", "phones": PHONE}, 1),
    (JobsError.NOT_FOUND, setup_none, {"cancel": "1", "id": "3"}, 1),
    (JobsError.TIME_FORMAT, setup_none,
     {"add": "1", "name": "j", "phones": PHONE, "mes": "x", "time": "tomorrow"}, 1),
    (JobsError.DENIED, setup_none, {"add": "1", "name": "j", "phones": "79990000009",
                                    "mes": "x"}, 1),
    (JobsError.TOO_MANY, setup_none, {"get": "1"}, 11),
    (UsersError.PARAMETERS, with_sub_client, {"pay": "1", "user": "u1", "sum": "1.234"}, 1),
    (UsersError.NOT_FOUND, setup_none, {"get": "1"}, 1),
    (UsersError.SAVE_FAILED, with_sub_client, {"add": "1", "user": "u1", "password": "q"}, 1),
    (UsersError.NO_MONEY, poor, {"pay": "1", "user": "u1", "sum": "5.00"}, 1),
    (UsersError.TOO_MANY, with_sub_client, {"chg": "1", "user": "u1"}, 11),
    (ReceivePhonesError.PARAMETERS, setup_none, {"buy": "1"}, 1),
    (ReceivePhonesError.NOT_FOUND, setup_none, {"buy": "1", "phone": "79990009999"}, 1),
    (ReceivePhonesError.NO_MONEY, setup_none, {"buy": "1", "phone": "79990000101"}, 1),
    (ReceivePhonesError.TOO_MANY, setup_none, {"get": "1"}, 11),
    (InfoError.PARAMETERS, setup_none, {"get_operator": "1"}, 1),
    (InfoError.NOT_FOUND, setup_none, {"get_operator": "1", "phone": "79991234567"}, 1),
    (InfoError.TOO_MANY, setup_none, {"get_operator": "1", "phone": PHONE}, 4),
    (MnpError.PARAMETERS, setup_none, {"date": "2026-01-01"}, 1),
    (MnpError.TOO_MANY, setup_none, {"date": "01.01.2026"}, 11),
    (GetError.PARAMETERS, setup_none, {"get_answers": "1", "cnt": "0"}, 1),
    (GetError.NOT_FOUND, setup_none, {"get_messages": "1"}, 1),
    (GetError.TOO_MANY, setup_none, {"get_answers": "1"}, 11),
]


def _table_of(member: Enum) -> type[Enum]:
    return type(member)


def test_the_cases_reach_every_row_but_authentication():
    reached = {member for member, *_ in CASES}
    for table in CALL_TABLES:
        rows = set(table) - {table.AUTHORISE, table.IP_BLOCKED}  # type: ignore[attr-defined]
        assert rows <= reached, f"{table.__name__}: {rows - reached} not reached"


@pytest.mark.parametrize("fmt", ["0", "1", "2", "3"])
@pytest.mark.parametrize(("member", "setup", "params", "times"), CASES,
                         ids=[f"{type(c[0]).__name__}.{c[0].name}" for c in CASES])
async def test_each_error_in_each_format(client, demo, fmt, member, setup, params, times):
    demo.balance = Decimal("101.90")
    await setup(client, demo)
    if member is ReceivePhonesError.NO_MONEY:
        demo.balance = Decimal("1.00")
    path = PATHS[_table_of(member)]
    for _ in range(times):
        reply = await smsc(client, path, {**params, "fmt": fmt})
    assert reply.status == 200
    assert reply.text == documented_error(member.value.code, member.value.description, fmt)


@pytest.mark.parametrize("table", CALL_TABLES, ids=lambda t: t.__name__)
async def test_a_wrong_password_is_error_2_and_a_locked_address_error_4(client, demo, table):
    path = PATHS[table]
    wrong = await smsc(client, path, {**WORKING[path], "login": "demo", "psw": "no",
                                      "fmt": "1"}, auth=False)
    assert wrong.text == "0,-2"
    headers = await lock_out(client, path, "203.0.113.9")
    locked = await smsc(client, path, {**WORKING[path], "fmt": "3"}, headers=headers)
    assert locked.json() == {"error": "ip is blocked", "error_code": 4}


@pytest.mark.parametrize("path", sorted(WORKING))
async def test_the_working_requests_work(client, demo, path):
    reply = await smsc(client, path, {**WORKING[path], "fmt": "3"})
    assert "error_code" not in reply.text, reply.text
