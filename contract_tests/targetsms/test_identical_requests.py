"""The one-minute rule (001 l.2, 003 l.21): "identical requests may be sent at most once a
minute". Identical means the same account, the same phones and the same text on each channel
the request sends on; the rule holds whatever became of the first request."""

from __future__ import annotations

import pytest

from .conftest import DEMO, VIBER_THEN_SMS

REPEATED = "error: Попытка отправки более одного одинакового запроса в течение минуты"
PHONE = "79801234567"
FIRST = {**DEMO, "phone": PHONE, **VIBER_THEN_SMS}


async def test_the_same_request_within_a_minute_is_refused_then_taken_after(wires, state):
    assert (await wires.get(**FIRST)).isdigit()
    state.scheduler.advance(59)
    assert await wires.get(**FIRST) == REPEATED
    state.scheduler.advance(1)
    assert (await wires.get(**FIRST)).isdigit()


@pytest.mark.parametrize("change", [
    {"validity_period_viber": "5"},  # not a text
    {"sender_viber": "Other", "sender_sms": "Other"},
    {"button_text": "Открыть", "button_url": "https://x.ru"},
    {"send_viber": "3", "send_sms": "1"},  # the same channels in another order
    {"phone": f"{PHONE},"},  # the same phones as written differently
])
async def test_what_is_not_a_phone_or_a_text_does_not_make_a_request_new(wires, change):
    await wires.get(**FIRST)
    assert await wires.get(**{**FIRST, **change}) == REPEATED


@pytest.mark.parametrize("change", [
    {"text_viber": "Другой текст"},
    {"text_sms": "Другой текст"},
    {"send_viber": "0"},  # Viber no longer sent: the texts sent are not the same
    {"send_sms": "0"},
    {"phone": "79801234568"},
    {"phone": f"{PHONE},79801234568"},
])
async def test_another_phone_text_or_channel_is_another_request(wires, change):
    await wires.get(**FIRST)
    assert (await wires.get(**{**FIRST, **change})).replace(",", "").isdigit()


async def test_another_account_is_another_request(wires, state):
    state.accounts.put(type(state.accounts.get("targetsms", "demo")).from_mapping(
        "targetsms", "other", {"password": "p", "balance": "10"}))
    await wires.get(**FIRST)
    assert (await wires.get(**{**FIRST, "login": "other", "password": "p"})).isdigit()


@pytest.mark.parametrize("refuse", ["blacklist", "missing_sender"])
async def test_a_refused_request_starts_the_minute_as_any_other(wires, demo, refuse):
    first = dict(FIRST)
    if refuse == "blacklist":
        demo.blacklist.add(PHONE)
    else:
        first["sender_viber"] = ""
    assert not (await wires.get(**first)).isdigit()
    demo.blacklist.clear()
    assert await wires.get(**{**FIRST, "sender_viber": "Shop"}) == REPEATED


async def test_a_repeat_is_journaled_and_does_not_restart_the_minute(wires, state):
    await wires.get(**FIRST)
    state.scheduler.advance(30)
    assert await wires.get(**FIRST) == REPEATED
    state.scheduler.advance(30)
    assert (await wires.get(**FIRST)).isdigit()
    assert [v["rule"] for v in await wires.violations()] == ["repeated_request"]
