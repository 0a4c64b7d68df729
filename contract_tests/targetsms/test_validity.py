"""Every channel ends: at the end of its validity (validity_period_viber, in minutes, default
60), or, on a channel with no documented validity (SMS, VK), as partly_deliver once the network
has been silent a day (`[delivery] no_report_final_s`); the cascade goes on either way. And a
time_send message is charged when it goes out."""

from __future__ import annotations

from decimal import Decimal

from .conftest import DEMO, VIBER_THEN_SMS

DAY_S = 86400


async def test_magic_expired_number_expires_when_the_viber_validity_ends(wires, state):
    # 79990000003 (README): expired on every channel, at the end of the channel's validity.
    id_message = await wires.get(**DEMO, phone="79990000003", **VIBER_THEN_SMS,
                                 validity_period_viber="10")
    state.scheduler.advance(599)
    [row] = await wires.state(id_message)
    assert (row["state"], row["state_viber"], row["state_sms"]) == ("send", "send", "send")
    state.scheduler.advance(1)
    [row] = await wires.state(id_message)
    assert (row["state_viber"], row["state_sms"]) == ("expired", "send")
    assert row["time_change_state"] == "2026-01-01 12:10:00"
    assert row["price_sms"] == "0.234567"  # the SMS went out at that moment


async def test_expired_without_validity_given_comes_after_the_default_hour(wires, state):
    id_message = await wires.get(**DEMO, phone="79990000003", send_viber="1",
                                 sender_viber="Shop", text_viber="Привет")
    state.scheduler.advance(3599)
    assert await wires.status(id_message) == "send"
    state.scheduler.advance(1)
    assert await wires.status(id_message) == "expired"


async def test_sms_with_no_report_ends_partly_deliver_after_a_day(wires, state):
    # 79990000006: the network never reports; an SMS has no validity in the documents.
    id_message = await wires.get(**DEMO, phone="79990000006", send_sms="1", sender_sms="Shop",
                                 text_sms="Привет")
    state.scheduler.advance(DAY_S - 1)
    assert await wires.status(id_message) == "send"
    state.scheduler.advance(1)
    assert await wires.status(id_message) == "partly_deliver"


async def test_no_report_on_viber_then_vk_then_sms_the_cascade_is_tried_to_the_end(
        wires, state, demo):
    demo.vk_enabled = True
    reply = await wires.json({**DEMO, "message": [{
        **VIBER_THEN_SMS, "send_vk": "2", "send_sms": "3", "templateId": "100",
        "validity_period_viber": "1", "phones": [{"phone": "79990000006"}]}]})
    id_message = reply["message"][0][0]["id_message"]
    state.scheduler.advance(60)
    [row] = await wires.state(id_message)
    assert (row["state_viber"], row["state_vk"], row["state_sms"]) == ("expired", "send", "send")
    state.scheduler.advance(DAY_S)
    [row] = await wires.state(id_message)
    assert (row["state_viber"], row["state_vk"], row["state_sms"]) == (
        "expired", "partly_deliver", "send")
    assert row["price_sms"] == "0.234567"
    state.scheduler.advance(DAY_S)
    [row] = await wires.state(id_message)
    assert (row["state"], row["state_sms"]) == ("partly_deliver", "partly_deliver")


async def test_time_send_is_charged_when_the_message_goes_out(wires, state, demo):
    # The frozen clock starts at 12:00 in Moscow, the account's zone.
    reply = await wires.json({**DEMO, "message": [{
        **VIBER_THEN_SMS, "time_send": "2026-01-01 13:00", "phones": [{"phone": "79801234567"}]}]})
    id_message = reply["message"][0][0]["id_message"]
    [row] = await wires.state(id_message)
    assert (row["state"], row["price_viber"], row["price_sms"]) == ("send", "0", "0")
    assert demo.balance == Decimal("1000.00")
    state.scheduler.advance(3600)
    [row] = await wires.state(id_message)
    assert (row["price_viber"], row["price_sms"]) == ("0.2", "0")
    assert demo.balance == Decimal("999.80")


async def test_time_send_the_balance_cannot_cover_is_refused_at_the_request(wires, demo):
    demo.balance = Decimal("0.10")
    reply = await wires.json({**DEMO, "message": [{
        **VIBER_THEN_SMS, "time_send": "2026-01-01 13:00", "phones": [{"phone": "79801234567"}]}]})
    assert reply["message"][0][0]["error"].startswith("Недостаточно средств")
