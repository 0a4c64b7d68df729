"""SMSC money is roubles and kopecks: priced and kept in whole kopecks, and every amount on the
wire written with exactly two decimals (`"250.80"`, `"1.40"`), in every format and path."""

from __future__ import annotations

import json
import re
import urllib.parse
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from mockserver.core.billing import RateCard

from ..live import call
from .wire import smsc

KOPECKS = re.compile(r"-?\d+\.\d\d")
PHONE = "79001234567"


def _rates(price: str) -> RateCard:
    return RateCard.from_mapping({"sms": {"ru": {"": price}}})


async def test_the_shipped_demo_prices_a_part_at_1_40_and_writes_kopecks(client):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "test", "cost": "3", "fmt": "1"})
    assert reply.text == "1,1,1.40,998.60"  # the README's example
    assert (await smsc(client, "balance", {"fmt": "3"})).json() == {"balance": "998.60"}


async def test_a_finer_rate_is_charged_rounded_half_up_to_the_kopeck(client, state):
    account = state.accounts.get("smsc", "demo")
    account.rates = _rates("0.234567")
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "cost": "3", "fmt": "3"})
    assert (reply.json()["cost"], reply.json()["balance"]) == ("0.23", "999.77")
    assert account.balance == Decimal("999.77")
    account.rates = _rates("0.125")
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "y", "cost": "1", "fmt": "1"})
    assert reply.text == "0.13,1"


async def test_other_providers_keep_their_precision_beside_smsc(client, state):
    targetsms = state.accounts.get("targetsms", "demo")
    targetsms.rates = _rates("0.234567")
    response = await client.get("/sendmessage.php", params={
        "login": "demo", "password": "demo", "phone": PHONE, "send_sms": "1",
        "sender_sms": "Shop", "text_sms": "x"})
    assert response.status == 200
    assert targetsms.balance == Decimal("1000.00") - Decimal("0.234567")


async def test_a_balance_given_finer_is_written_with_two_decimals(client, state):
    state.accounts.get("smsc", "demo").balance = Decimal("10.005")
    assert (await smsc(client, "balance", {"fmt": "1"})).text == "10.01"


def _amounts(fmt: str, text: str) -> list[str]:
    """Every money field of a send, status or balance reply in format `fmt`."""
    names = ("cost", "balance", "credit")
    if fmt == "3":
        document = json.loads(text)
        objects = [document, *document.get("phones", [])]
        return [str(o[name]) for o in objects for name in names if name in o]
    root = etree.fromstring(text.encode())
    found = [e.text or "" for e in root.iter() if e.tag in names]
    return found + [e.get("cost") for e in root.iter("phone") if "cost" in e.attrib]


@settings(max_examples=40, deadline=None)
@given(price=st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("9.99"), places=6),
       balance=st.decimals(min_value=Decimal("50"), max_value=Decimal("5000"), places=2),
       parts=st.integers(min_value=1, max_value=4), fmt=st.sampled_from(["2", "3"]))
def test_every_amount_is_whole_kopecks_and_adds_up(live, price, balance, parts, fmt):
    call(live, "/__admin/reset", "POST", body=b"")
    account = live.state.accounts.get("smsc", "demo")
    account.rates, account.balance, account.credit = _rates(str(price)), balance, Decimal("5")
    common = {"login": "demo", "psw": "demo", "fmt": fmt, "charset": "utf-8"}
    send = {**common, "phones": f"{PHONE},123", "mes": "a" * (153 * parts), "cost": "3",
            "op": "1", "id": "9"}
    _, _, sent = call(live, "/sys/send.php", query=urllib.parse.urlencode(send))
    status = {**common, "id": "9", "phone": PHONE, "all": "1"}
    _, _, statused = call(live, "/sys/status.php", query=urllib.parse.urlencode(status))
    _, _, balanced = call(live, "/sys/balance.php", query=urllib.parse.urlencode(common))
    amounts = [a for reply in (sent, statused, balanced) for a in _amounts(fmt, reply.decode())]
    assert len(amounts) == 7  # send: cost, balance, two numbers; status: cost; balance, credit
    assert all(KOPECKS.fullmatch(amount) for amount in amounts), amounts
    cost = Decimal(_amounts(fmt, sent.decode())[0])
    assert cost == price.quantize(Decimal("0.01"), "ROUND_HALF_UP") * parts
    assert account.balance == balance - cost


async def test_fmt_0_and_1_write_every_amount_in_kopecks(client, state):
    account = state.accounts.get("smsc", "demo")
    account.rates, account.balance = _rates("0.234567"), Decimal("1000.005")
    send = {"phones": f"{PHONE},123", "mes": "x", "cost": "3", "op": "1", "id": "9"}
    assert (await smsc(client, "send", {**send, "fmt": "1"})).text == (
        "9,1,0.23,999.78\n"  # 1000.005 - 0.23 = 999.775, written half-up
        f"{PHONE},25020,0.23,0,0\n"
        "123,,0.00,22,249")
    status = {"id": "9", "phone": PHONE, "all": "1"}
    assert (await smsc(client, "status", {**status, "fmt": "1"})).text.split(",")[5] == "0.23"
    assert ", cost = 0.23, " in (await smsc(client, "status", {**status, "fmt": "0"})).text
    account.credit = Decimal("0.5")
    assert (await smsc(client, "balance", {"fmt": "0", "cur": "1"})).text == "999.78, RUR"
    assert (await smsc(client, "balance", {"fmt": "3"})).json() == {
        "balance": "999.78", "credit": "0.50"}
