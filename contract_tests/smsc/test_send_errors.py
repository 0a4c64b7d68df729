"""send.php errors 1..9 in the four formats, with the message id where SMSC echoes it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mockserver.providers.smsc.errors import SendError

from .wire import documented_error, lock_out, smsc

PHONE = "79001234567"


async def _parameters_error(client, fmt):
    return await smsc(client, "send", {"phones": "", "mes": "x", "fmt": fmt})


async def _wrong_password(client, fmt):
    return await smsc(client, "send", {"login": "demo", "psw": "nope", "phones": PHONE,
                                       "mes": "x", "fmt": fmt}, auth=False)


async def _no_money(client, fmt):
    return await smsc(client, "send", {"phones": PHONE, "mes": "x" + fmt, "fmt": fmt,
                                       "id": "275"})


async def _ip_blocked(client, fmt):
    headers = await lock_out(client, "send", "203.0.113.7")
    return await smsc(client, "send", {"phones": PHONE, "mes": "x", "fmt": fmt},
                      headers=headers)


async def _bad_time(client, fmt):
    return await smsc(client, "send", {"phones": PHONE, "mes": "x", "time": "tomorrow",
                                       "fmt": fmt})


async def _denied(client, fmt):
    return await smsc(client, "send", {"phones": PHONE, "mes": "x", "sender": "Unregistered",
                                       "fmt": fmt, "id": "542"})


async def _invalid_number(client, fmt):
    return await smsc(client, "send", {"phones": "123", "mes": "x", "fmt": fmt, "id": "541"})


async def _cant_deliver(client, fmt):
    return await smsc(client, "send", {"phones": "12025550123", "mes": "x", "fmt": fmt,
                                       "id": "639"})


async def _duplicate(client, fmt):
    params = {"phones": PHONE, "mes": "same" + fmt, "fmt": fmt}
    await smsc(client, "send", params)
    return await smsc(client, "send", params)


CASES = {
    SendError.PARAMETERS: (_parameters_error, None),
    SendError.AUTHORISE: (_wrong_password, None),
    SendError.NO_MONEY: (_no_money, "275"),
    SendError.IP_BLOCKED: (_ip_blocked, None),
    SendError.TIME_FORMAT: (_bad_time, None),
    SendError.DENIED: (_denied, "542"),
    SendError.INVALID_NUMBER: (_invalid_number, "541"),
    SendError.CANT_DELIVER: (_cant_deliver, "639"),
    SendError.DUPLICATE: (_duplicate, None),
}


def test_every_send_error_has_a_case():
    assert set(CASES) == set(SendError)
    assert [e.value.code for e in SendError] == list(range(1, 10))


@pytest.mark.parametrize("fmt", ["0", "1", "2", "3"])
@pytest.mark.parametrize("error", list(SendError), ids=lambda e: e.name)
async def test_each_send_error_in_each_format(client, demo, error, fmt):
    if error is SendError.NO_MONEY:
        demo.balance = Decimal("1.00")
    make, message_id = CASES[error]
    reply = await make(client, fmt)
    assert reply.status == 200  # SMSC answers errors with 200
    assert reply.text == documented_error(error.value.code, error.value.description, fmt, message_id or "")


async def test_the_captured_json_error_byte_for_byte(client, demo):
    reply = await smsc(client, "send", {"phones": "123", "mes": "test_message", "fmt": "3",
                                        "id": "34"})
    assert reply.body == b'{\n"error": "invalid number",\n"error_code": 7,\n"id": 34\n}'


async def test_the_captured_text_errors(client, demo):
    """The examples of replies an SMSC client quotes: `ERROR = 7 (invalid number), ID - 541`."""
    reply = await smsc(client, "send", {"phones": "123", "mes": "x", "id": "541"})
    assert reply.text == "ERROR = 7 (invalid number), ID - 541"
    again = await smsc(client, "send", {"phones": "123", "mes": "x", "id": "541"})
    assert again.text == "ERROR = 9 (duplicate request, wait a minute)"


async def test_a_blacklisted_number_is_denied(client, demo):
    reply = await smsc(client, "send", {"phones": "79990000009", "mes": "x", "id": "1",
                                        "fmt": "1"})
    assert reply.text == "1,-6"


async def test_a_banned_sender_is_denied(client, demo):
    demo.banned_senders = {"Demo"}
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "id": "2", "sender": "Demo",
                                        "fmt": "1"})
    assert reply.text == "2,-6"


async def test_no_money_when_the_whole_request_cannot_be_covered_and_nothing_is_sent(
        client, state, demo):
    demo.balance = Decimal("2.00")  # two numbers at 1.40 each: 2.80
    reply = await smsc(client, "send", {"phones": f"{PHONE},79001234568", "mes": "x",
                                        "id": "3", "fmt": "1"})
    assert reply.text == "3,-3"
    assert len(state.messages) == 0 and demo.balance == Decimal("2.00")


async def test_credit_covers_a_send(client, demo):
    demo.balance, demo.credit = Decimal("1.00"), Decimal("1.00")
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "cost": "3", "fmt": "1",
                                        "id": "4"})
    assert reply.text == "4,1,1.40,-0.40"


async def test_some_numbers_wrong_the_rest_go(client, demo):
    reply = await smsc(client, "send", {"phones": f"{PHONE},123", "mes": "x", "id": "5",
                                        "fmt": "1"})
    assert reply.text == "5,1"


async def test_the_identical_request_rule_is_on_the_mock_clock(client, state, demo):
    params = {"phones": PHONE, "mes": "again", "fmt": "1", "id": "6"}
    assert (await smsc(client, "send", params)).text == "6,1"
    state.scheduler.advance(59)
    assert (await smsc(client, "send", params)).text == "0,-9"
    state.scheduler.advance(61)
    assert (await smsc(client, "send", params)).text == "6,1"


async def test_five_identical_price_requests_a_minute_then_error_9(client, state, demo):
    params = {"phones": PHONE, "mes": "price", "cost": "1", "fmt": "1"}
    for _ in range(5):
        assert (await smsc(client, "send", params)).text == "1.40,1"
    assert (await smsc(client, "send", params)).text == "0,-9"
    state.scheduler.advance(60)
    assert (await smsc(client, "send", params)).text == "1.40,1"


@pytest.mark.parametrize("params", [
    {"phones": PHONE},  # no text
    {"mes": "x"},  # no number
    {"phones": PHONE, "mes": "x", "cost": "7"},
    {"phones": PHONE, "mes": "x", "id": "a b"},
    {"phones": PHONE, "mes": "x", "id": "2147483648"},
    {"phones": PHONE, "mes": "x", "valid": "25"},
    {"phones": PHONE, "mes": "x", "valid": "00:00"},
    {"phones": PHONE, "mes": "x", "soc": "1"},
])
async def test_parameter_errors(client, demo, params):
    assert (await smsc(client, "send", {**params, "fmt": "1"})).text == "0,-1"


@pytest.mark.parametrize("value", ["tomorrow", "32.01.26 10:00", "3201261000x", "25-30",
                                   "+abc", "01.13.26 10:00"])
async def test_bad_time_formats_are_error_5(client, demo, value):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": value, "time": value,
                                        "fmt": "1"})
    assert reply.text == "0,-5"


async def test_an_unknown_login_is_error_2(client, demo):
    reply = await smsc(client, "send", {"login": "ghost", "psw": "demo", "phones": PHONE,
                                        "mes": "x", "fmt": "3"}, auth=False)
    assert reply.json() == {"error": "authorise error", "error_code": 2}


async def test_an_address_outside_the_allow_list_is_error_2(client, demo):
    import ipaddress
    demo.allowed_ips = [ipaddress.ip_network("10.0.0.0/8")]
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "fmt": "1"},
                       headers={"X-Forwarded-For": "192.0.2.1"})
    assert reply.text == "0,-2"
