"""send.php `time`, `tz` and `valid` on the mock clock, and test mode (virtual sending).

The demo fixtures' frozen clock starts at 2026-01-01 09:00:00 UTC, 12:00 in Moscow."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from .wire import admin_messages, smsc

PHONE = "79001234567"
START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


async def _send(client, **params) -> str:
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "fmt": "1", **params})
    return reply.text


async def _status(client, message_id: str) -> list[str]:
    reply = await smsc(client, "status", {"phone": PHONE, "id": message_id, "fmt": "1"})
    return reply.text.split(",")


@pytest.mark.parametrize(("value", "tz", "expected"), [
    ("0101261530", "", datetime(2026, 1, 1, 12, 30, tzinfo=UTC)),  # DDMMYYhhmm, Moscow
    ("01.01.26 15:30", "", datetime(2026, 1, 1, 12, 30, tzinfo=UTC)),  # DD.MM.YY hh:mm
    ("02.01.2026 09:05", "", datetime(2026, 1, 2, 6, 5, tzinfo=UTC)),
    ("01.01.26 15:30", "2", datetime(2026, 1, 1, 10, 30, tzinfo=UTC)),  # Moscow + 2 h
    ("+90", "", datetime(2026, 1, 1, 10, 30, tzinfo=UTC)),  # +m, sent as %2B90
])
async def test_time_forms_queue_the_message(client, state, demo, value, tz, expected):
    params = {"time": value, "id": "100"}
    if tz:
        params["tz"] = tz
    assert await _send(client, **params) == "100,1"
    (message,) = state.messages
    assert message.scheduled_at == expected
    assert await _status(client, "100") == ["-1", str(int(START.timestamp())), "0"]
    state.scheduler.set(expected)
    assert (await _status(client, "100"))[0] == "0"  # handed to the operator at its time
    state.scheduler.advance(2)
    assert (await _status(client, "100"))[:2] == ["1", str(int(expected.timestamp()) + 2)]


async def test_unix_timestamp_form(client, state, demo):
    at = int(START.timestamp()) + 600
    assert await _send(client, time=f"0{at}", id="101") == "101,1"
    assert next(iter(state.messages)).scheduled_at == datetime.fromtimestamp(at, UTC)


@pytest.mark.parametrize(("window", "expected"), [
    ("14-18", datetime(2026, 1, 1, 11, 0, tzinfo=UTC)),  # 12:00 Moscow: wait until 14:00
    ("10-18", None),  # inside the window: now
    ("8-11", datetime(2026, 1, 2, 5, 0, tzinfo=UTC)),  # past it: 08:00 next day
])
async def test_hours_window_form(client, state, demo, window, expected):
    assert await _send(client, time=window, id="102") == "102,1"
    assert next(iter(state.messages)).scheduled_at == expected


@pytest.mark.parametrize("value", ["0", "", "01.01.20 10:00"])
async def test_zero_or_a_past_time_sends_at_once(client, state, demo, value):
    await _send(client, time=value, id="103")
    (message,) = state.messages
    assert message.scheduled_at is None and message.status == "sent"


async def test_an_unencoded_plus_is_read_as_meant_and_noted(client, state, demo):
    response = await client.get("/sys/send.php?login=demo&psw=demo&phones=79001234567&mes=x"
                                "&time=+5&fmt=1&id=104")
    assert await response.text() == "104,1"
    assert next(iter(state.messages)).scheduled_at == datetime(2026, 1, 1, 9, 5, tzinfo=UTC)
    violations = await (await client.get("/__admin/violations")).json()
    assert [v["rule"] for v in violations["violations"]] == ["time_plus_not_encoded"]


async def test_the_accounts_own_zone_applies_without_tz(client, state, demo):
    demo.timezone = "Asia/Yekaterinburg"  # UTC+5
    await _send(client, time="0101261530", id="105")
    assert next(iter(state.messages)).scheduled_at == datetime(2026, 1, 1, 10, 30, tzinfo=UTC)


@pytest.mark.parametrize(("valid", "ttl"), [("1", 3600), ("24", 86400), ("00:01", 60),
                                            ("01:00", 3600), ("24:00", 86400)])
async def test_valid_sets_the_lifetime(client, state, demo, valid, ttl):
    await _send(client, valid=valid, id="106")
    assert next(iter(state.messages)).channels[0].ttl_s == ttl


async def test_a_message_not_delivered_within_valid_expires(client, state, demo):
    state.planner.add_rule({"match": {"phone": PHONE}, "outcome": {"sms": "none"}})
    await _send(client, valid="1", id="107")
    state.scheduler.advance(3599)
    assert (await _status(client, "107"))[0] == "0"
    state.scheduler.advance(1)
    assert await _status(client, "107") == ["3", str(int(START.timestamp()) + 3600), "0"]


async def test_test_mode_prices_but_never_charges_or_delivers(client, state, demo):
    patch = await client.patch("/__admin/accounts/smsc/demo", json={"test_mode": True})
    assert patch.status == 200 and (await patch.json())["test_mode"] is True
    account = state.accounts.get("smsc", "demo")
    before = account.balance
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "cost": "3", "fmt": "3",
                                        "id": "108"})
    assert reply.json() == {"id": 108, "cnt": 1, "cost": "1.40",
                            "balance": str(before)}
    state.scheduler.advance(3600)
    assert account.balance == before
    status = await smsc(client, "status", {"phone": PHONE, "id": "108", "fmt": "3"})
    assert status.json()["status"] == 0 and status.json()["err"] == 200  # virtual sending
    (message,) = await admin_messages(client, provider="smsc")
    assert message["virtual"] is True and message["status"] == "sent"


async def test_status_timestamps_come_from_the_mock_clock(client, state, demo):
    await _send(client, id="109")
    state.scheduler.advance(3600 * 24 * 30)
    reply = await smsc(client, "status", {"phone": PHONE, "id": "109", "all": "1", "fmt": "3"})
    document = reply.json()
    assert document["send_date"] == "01.01.2026 12:00:00"
    assert document["send_timestamp"] == int(START.timestamp())
    assert document["last_date"] == "01.01.2026 12:00:02"
    assert document["last_timestamp"] == int(START.timestamp()) + 2
    assert document["cost"] == "1.40" and Decimal(document["cost"]) == Decimal("1.4")
