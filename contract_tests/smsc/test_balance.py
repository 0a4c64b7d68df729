"""balance.php in the four formats, with and without the currency (`cur=1`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mockserver.providers.smsc.errors import BalanceError

from .wire import Reply, documented_error, lock_out, smsc


@pytest.fixture
def rich(demo):
    demo.balance = Decimal("1871.62")
    return demo


@pytest.mark.parametrize(("fmt", "expected"), [
    ("0", "1871.62"),
    ("1", "1871.62"),
    ("2", "<result>\n<balance>1871.62</balance>\n</result>"),
    ("3", '{\n"balance": "1871.62"\n}'),  # the captured reply, 24 bytes
])
async def test_balance_in_the_four_formats(client, rich, fmt, expected):
    reply = await smsc(client, "balance", {"fmt": fmt})
    assert reply.text == expected


@pytest.mark.parametrize(("fmt", "expected"), [
    ("0", "1871.62, RUR"),
    ("1", "1871.62,RUR"),
    ("2", "<result>\n<balance>1871.62</balance>\n<currency>RUR</currency>\n</result>"),
    ("3", '{\n"balance": "1871.62",\n"currency": "RUR"\n}'),
])
async def test_cur_1_adds_the_currency(client, rich, fmt, expected):
    assert (await smsc(client, "balance", {"fmt": fmt, "cur": "1"})).text == expected


async def test_a_credit_is_shown_in_xml_and_json(client, rich):
    rich.credit = Decimal("500")
    assert (await smsc(client, "balance", {"fmt": "3"})).json() == {
        "balance": "1871.62", "credit": "500.00"}
    assert (await smsc(client, "balance", {"fmt": "1"})).text == "1871.62"  # no comma: no error


async def test_the_official_libraries_read_fmt1_as_one_field(client, rich):
    fields = (await smsc(client, "balance", {"fmt": "1"})).text.split(",")
    assert len(fields) == 1 and Decimal(fields[0]) == Decimal("1871.62")


async def test_apikey_on_balance(client, rich):
    rich.api_key = "abc"
    reply = await smsc(client, "balance", {"apikey": "abc", "fmt": "3"}, auth=False)
    assert reply.json() == {"balance": "1871.62"}


async def test_a_send_shows_in_the_balance(client, demo):
    await smsc(client, "send", {"phones": "79001234567", "mes": "x"})
    assert (await smsc(client, "balance", {"fmt": "1"})).text == "100.50"


async def _empty_password(client, fmt):
    return await smsc(client, "balance", {"login": "demo", "fmt": fmt, "psw": ""}, auth=False)


async def _blocked(client, fmt):
    headers = await lock_out(client, "balance", "192.0.2.50")
    return await smsc(client, "balance", {"fmt": fmt}, headers=headers)


async def _too_many(client, fmt):
    for _ in range(10):
        await smsc(client, "balance", {"fmt": fmt})
    return await smsc(client, "balance", {"fmt": fmt})


async def _unreadable(client, fmt):
    response = await client.post(f"/sys/balance.php?fmt={fmt}", data=b'{"login": [1, {}',
                                 headers={"Content-Type": "application/json"})
    return Reply(response.status, "", "windows-1251", await response.read())


BALANCE_CASES = {
    BalanceError.PARAMETERS: _unreadable,
    BalanceError.AUTHORISE: _empty_password,
    BalanceError.IP_BLOCKED: _blocked,
    BalanceError.TOO_MANY: _too_many,
}


@pytest.mark.parametrize("fmt", ["0", "1", "2", "3"])
@pytest.mark.parametrize("error", list(BalanceError), ids=lambda e: e.name)
async def test_each_balance_error_in_each_format(client, rich, error, fmt):
    assert set(BALANCE_CASES) == set(BalanceError)
    reply = await BALANCE_CASES[error](client, fmt)
    code, text = error.value.code, error.value.description
    assert reply.status == 200
    assert reply.text == documented_error(code, text, fmt)


async def test_the_captured_authorise_error(client, demo):
    reply = await smsc(client, "balance", {"login": "test_login", "psw": "test_password",
                                           "fmt": "3"}, auth=False)
    assert reply.body == b'{\n"error": "authorise error",\n"error_code": 2\n}'
    assert (reply.content_type, reply.charset) == ("application/json", "windows-1251")


async def test_ten_balance_requests_a_minute_then_the_window_moves_on(client, state, rich):
    for _ in range(10):
        assert (await smsc(client, "balance", {"fmt": "1"})).text == "1871.62"
    assert (await smsc(client, "balance", {"fmt": "1"})).text == "0,-9"
    state.scheduler.advance(60)
    assert (await smsc(client, "balance", {"fmt": "1"})).text == "1871.62"
