"""Every error string of IntelTele's document, reached from the outside.

Each case quotes the document's reply literally; the test walks the error tables and fails if
one of their rows is never reached."""

from __future__ import annotations

import ast
from decimal import Decimal

import pytest

from mockserver.core.accounts import Account, apply_fields
from mockserver.providers.inteltele.errors import AccountError, NumberError, SendError

BASE = {"username": "demo", "api_key": "demo", "to": "380501234567", "im_message": "Hi"}
REACHED: set = set()


def literal(text: str):
    return ast.literal_eval(text.replace("true", "True"))


async def send(client, ip: str = "127.0.0.1", **changes):
    params = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
    response = await client.get("/im/send/", params=params, headers={"X-Forwarded-For": ip})
    assert response.status == 200
    return await response.json()


@pytest.fixture
def demo(state) -> Account:
    return state.accounts.get("inteltele", "demo")


# --- request-level errors of /im/send/ -----------------------------------------------------
async def test_wrong_username(client):
    reply = await send(client, username="nobody")
    assert reply == literal("{'reply':[{'status': 'error: wrong username/api_key'}]}")
    REACHED.add(SendError.WRONG_LOGIN)


async def test_missing_credentials_are_a_wrong_username(client):
    reply = await send(client, username=None, api_key=None)
    assert reply == literal("{'reply':[{'status': 'error: wrong username/api_key'}]}")


async def test_wrong_api_key(client):
    reply = await send(client, api_key="not-a-key")
    assert reply == literal("{'reply':[{'status': 'error: wrong api key'}]}")
    REACHED.add(SendError.WRONG_API_KEY)


async def test_bruteforcing_detected_blocks_the_ip_for_five_minutes(client, state):
    headers = {"X-Forwarded-For": "203.0.113.9"}
    for _ in range(10):
        await client.get("/im/send/", params={**BASE, "api_key": "bad"}, headers=headers)
    blocked = await (await client.get("/im/send/", params=BASE, headers=headers)).json()
    assert blocked == literal("{'reply':[{'status': 'error: bruteforcing detected'}]}")
    for path in ("/balance/", "/credit/", "/rates/"):
        reply = await (await client.get(path, params=BASE, headers=headers)).json()
        assert reply == literal("{'status': 'bruteforcing detected', 'error': true}")
    other_ip = await send(client)
    assert other_ip["reply"][0]["status"] == "OK"
    state.scheduler.advance(299)
    still = await (await client.get("/im/send/", params=BASE, headers=headers)).json()
    assert still == blocked
    state.scheduler.advance(1)
    free = await (await client.get("/im/send/", params=BASE, headers=headers)).json()
    assert free["reply"][0]["status"] == "OK"
    REACHED.update({SendError.BRUTEFORCE, AccountError.BRUTEFORCE})


async def test_ip_not_allowed(client, demo):
    apply_fields(demo, {"allowed_ips": ["10.1.0.0/16", "192.0.2.7"]})
    refused = await send(client, ip="10.2.0.1")
    assert refused == literal("{'reply':[{'status': 'error: ip not allowed'}]}")
    assert (await send(client, ip="10.1.200.3"))["reply"][0]["status"] == "OK"
    assert (await send(client, ip="192.0.2.7", to="380501234568"))["reply"][0]["status"] == "OK"
    for path in ("/balance/", "/credit/", "/rates/"):
        reply = await (await client.get(path, params=BASE,
                                        headers={"X-Forwarded-For": "10.2.0.1"})).json()
        assert reply == literal("{'status': 'ip not allowed', 'error': true}")
    REACHED.update({SendError.IP_NOT_ALLOWED, AccountError.IP_NOT_ALLOWED})


@pytest.mark.parametrize("missing", [{"to": None}, {"im_message": None}, {"to": ""},
                                     {"to": " , ,"}, {"im_message": ""}])
async def test_cant_send_message_without_message_or_to(client, missing):
    reply = await send(client, **missing)
    assert reply == literal('''{'reply':[{'status': "error: can't send message"}]}''')
    REACHED.add(SendError.CANT_SEND)


async def test_message_is_too_long(client, state):
    assert (await send(client, im_message="я" * 1000))["reply"][0]["status"] == "OK"
    reply = await send(client, im_message="я" * 1001)
    assert reply == literal("{'reply': [{'status': 'error: message is too long'}]}")
    REACHED.add(SendError.TOO_LONG)


async def test_sms_fallback_over_seven_parts_is_too_long(client):
    ok = await send(client, sms_source="Shop", sms_message="a" * 153 * 7)
    assert ok["reply"][0]["status"] == "OK"
    reply = await send(client, to="380501234568", sms_source="Shop",
                       sms_message="a" * (153 * 7 + 1))
    assert reply == literal("{'reply': [{'status': 'error: message is too long'}]}")


async def test_sender_is_banned(client, demo):
    demo.banned_senders = {"SpamCo"}
    reply = await send(client, im_sender="SpamCo")
    assert reply == literal('''{'reply':[{'status': "error: sender is banned"}]}''')
    reply = await send(client, sms_source="SpamCo", sms_message="x")
    assert reply == literal('''{'reply':[{'status': "error: sender is banned"}]}''')
    REACHED.add(SendError.SENDER_BANNED)


async def test_wrong_sender(client, demo):
    demo.senders = {"viber": ["MyShop"], "sms": ["MyShop"]}
    reply = await send(client, im_sender="Other")
    assert reply == literal("{'reply':[{'status': 'error: wrong sender'}]}")
    assert (await send(client, im_sender="MyShop"))["reply"][0]["status"] == "OK"
    reply = await send(client, im_sender="MyShop", sms_source="Other", sms_message="x",
                       to="380501234568")
    assert reply == literal("{'reply':[{'status': 'error: wrong sender'}]}")
    REACHED.add(SendError.WRONG_SENDER)


@pytest.mark.parametrize("source", ["ABCDEFGHIJKL", "Shop!", "1234567890123456", "Маг"])
async def test_sms_source_outside_the_documented_alphabet_is_a_wrong_sender(client, source):
    reply = await send(client, sms_source=source, sms_message="x")
    assert reply == literal("{'reply':[{'status': 'error: wrong sender'}]}")


@pytest.mark.parametrize("source", ["ABCDEFGHIJK", "a.b_c-d", "123456789012345"])
async def test_sms_source_inside_the_documented_alphabet(client, source):
    assert (await send(client, sms_source=source, sms_message="x"))["reply"][0]["status"] == "OK"


# --- per-number errors ---------------------------------------------------------------------
async def test_number_is_blacklisted(client):
    reply = await send(client, to="79990000009")  # the demo account's blacklist
    assert reply == {"reply": [{"number": "79990000009", "status": "error: number is blacklisted"}]}
    REACHED.add(NumberError.BLACKLISTED)


async def test_repeat_detected_within_one_minute(client, state):
    assert (await send(client, to="7123456789"))["reply"][0]["status"] == "OK"
    reply = await send(client, to="7123456789")
    assert reply == literal('''{"reply": [{'number': '7123456789', 'status': "error: repeat detected"}]}''')
    assert (await send(client, to="7123456789", im_message="other"))["reply"][0]["status"] == "OK"
    state.scheduler.advance(60)
    assert (await send(client, to="7123456789"))["reply"][0]["status"] == "OK"
    REACHED.add(NumberError.REPEAT)


async def test_cant_determine_country(client):
    reply = await send(client, to="99900000000")
    assert reply == {"reply": [{"number": "99900000000",
                                "status": "error: can't determine country"}]}
    REACHED.add(NumberError.UNKNOWN_COUNTRY)


async def test_no_route_to_country(client, demo):
    reply = await send(client, to="12025550123")  # no US rates in the demo set
    assert reply == {"reply": [{"number": "12025550123", "status": "error: no route to country"}]}
    demo.routes = {"kz"}
    reply = await send(client, to="380501234567")
    assert reply["reply"][0]["status"] == "error: no route to country"
    REACHED.add(NumberError.NO_ROUTE)


async def test_low_balance_carries_the_cost(client, demo):
    demo.balance, demo.credit = Decimal("0.10"), Decimal("0.05")
    reply = await send(client, to="7123456789")
    assert reply == {"reply": [{"number": "7123456789", "status": "error: low balance",
                                "cost": "0.200000"}]}
    assert demo.balance == Decimal("0.10")
    REACHED.add(NumberError.LOW_BALANCE)


async def test_one_reply_entry_per_number_in_order(client):
    reply = await send(client, to="7123456789,79990000009,99900000000,380501234567")
    assert [e["number"] for e in reply["reply"]] == ["7123456789", "79990000009",
                                                     "99900000000", "380501234567"]
    assert [e["status"] for e in reply["reply"]] == [
        "OK", "error: number is blacklisted", "error: can't determine country", "OK"]


# --- /balance/, /credit/, /rates/ auth ------------------------------------------------------
@pytest.mark.parametrize("path", ["/balance/", "/credit/", "/rates/"])
@pytest.mark.parametrize("creds", [{"username": "demo", "api_key": "bad"},
                                   {"username": "ghost", "api_key": "demo"}, {}])
async def test_invalid_auth(client, path, creds):
    reply = await (await client.post(path, data=creds)).json()
    assert reply == literal("{'message': 'Invalid auth', 'error': true}")
    REACHED.add(AccountError.INVALID_AUTH)


def test_every_documented_error_was_reached():
    """Runs last in this module: each table row must have been produced above."""
    documented = set(SendError) | set(NumberError) | set(AccountError)
    assert documented - REACHED == set()
