"""Cascades on the frozen clock: channels in their send_* order, the next one starting when the
current one ends undelivered or runs out of validity; finale_viber_read; time_send."""

from __future__ import annotations

from decimal import Decimal

from .conftest import DEMO, VIBER_THEN_SMS

# 79990000001 (README): Viber and VK undelivered, anything else delivered, 2 s after sending.
FALLS_BACK = "79990000001"
PHONE = "79801234567"


async def rule(client, outcome: dict[str, str], phone: str = PHONE, after_s: float = 2):
    response = await client.post("/__admin/rules", json={
        "match": {"phone": phone}, "outcome": outcome, "after_s": after_s})
    assert response.status == 201


async def test_viber_then_sms(wires, state, demo):
    id_message = await wires.get(**DEMO, phone=FALLS_BACK, **VIBER_THEN_SMS)
    [row] = await wires.state(id_message)
    assert (row["state"], row["state_viber"], row["state_sms"]) == ("send", "send", "send")
    assert (row["price_viber"], row["price_sms"], row["num_parts_sms"]) == ("0.2", "0", "0")
    state.scheduler.advance(2)  # Viber undelivered: the SMS starts, and is charged
    [row] = await wires.state(id_message)
    assert (row["state"], row["state_viber"], row["state_sms"]) == ("send", "not_deliver",
                                                                    "send")
    assert (row["price_sms"], row["num_parts_sms"]) == ("0.234567", "1")
    state.scheduler.advance(2)
    [row] = await wires.state(id_message)
    assert (row["state"], row["state_viber"], row["state_sms"]) == ("deliver", "not_deliver",
                                                                    "deliver")
    assert row["time_change_state"] == "2026-01-01 12:00:04"
    assert demo.balance == Decimal("1000.00") - Decimal("0.20") - Decimal("0.234567")


async def test_sms_parts_and_price_follow_the_text(wires, state):
    long_text = "Ваш заказ №1 готов к выдаче. Приходите в любой день с 10:00 до 20:00, ждём!"
    assert len(long_text) > 70  # two UCS-2 parts
    id_message = await wires.get(**DEMO, phone=FALLS_BACK,
                                 **{**VIBER_THEN_SMS, "text_sms": long_text})
    state.scheduler.advance(4)
    [row] = await wires.state(id_message)
    assert (row["num_parts_sms"], row["price_sms"]) == ("2", "0.469134")


async def test_viber_then_vk_then_sms(wires, state, demo):
    demo.vk_enabled = True
    reply = await wires.json({**DEMO, "message": [{
        **VIBER_THEN_SMS, "send_vk": "2", "send_sms": "3", "templateId": "100",
        "templateData": {"Name": "Имя"}, "phones": [{"phone": FALLS_BACK}]}]})
    entry = reply["message"][0][0]
    assert entry["id_vk"] != "0" and entry["id_sms"] != "0"
    id_message = entry["id_message"]
    steps = []
    for _ in range(3):
        state.scheduler.advance(2)
        [row] = await wires.state(id_message)
        steps.append((row["state"], row["state_viber"], row["state_vk"], row["state_sms"]))
    assert steps == [("send", "not_deliver", "send", "send"),
                     ("send", "not_deliver", "not_deliver", "send"),
                     ("deliver", "not_deliver", "not_deliver", "deliver")]
    [row] = await wires.state(id_message)
    assert (row["price_viber"], row["price_vk"], row["price_sms"]) == ("0.2", "0.15", "0.234567")
    message = (await wires.messages())[0]
    assert [(c["channel"], c["order"]) for c in message["channels"]] == [
        ("viber", 1), ("vk", 2), ("sms", 3)]


async def test_the_send_order_decides_the_cascade(wires, state):
    text = "Длинный текст SMS, который займёт больше одной части, потому что он на кириллице."
    reply = await wires.json({**DEMO, "message": [{
        **VIBER_THEN_SMS, "send_viber": "7", "send_sms": "3", "text_sms": text,
        "phones": [{"phone": PHONE}]}]})
    entry = reply["message"][0][0]
    assert entry["count_message"] == "2"  # the parts on the first channel: the SMS
    message = (await wires.messages())[0]
    assert [c["channel"] for c in message["channels"]] == ["sms", "viber"]


async def test_finale_viber_read_cascades_on_a_delivered_but_unread_viber(client, wires, state):
    await rule(client, {"viber": "delivered"})  # delivered, never read
    id_message = await wires.get(**DEMO, phone=PHONE, **VIBER_THEN_SMS,
                                 validity_period_viber="1", finale_viber_read="1")
    state.scheduler.advance(2)
    [row] = await wires.state(id_message)
    # Delivered but not read: not final while the validity runs.
    assert (row["state"], row["state_viber"], row["state_sms"]) == ("send", "deliver", "send")
    state.scheduler.advance(58)  # the validity ends: counts as not delivered, the SMS starts
    [row] = await wires.state(id_message)
    assert (row["state"], row["state_sms"], row["price_sms"]) == ("send", "send", "0.234567")
    state.scheduler.advance(2)
    [row] = await wires.state(id_message)
    assert (row["state"], row["state_viber"], row["state_sms"]) == ("deliver", "deliver",
                                                                    "deliver")


async def test_without_finale_viber_read_a_delivered_viber_is_final(client, wires, state):
    await rule(client, {"viber": "delivered"})
    id_message = await wires.get(**DEMO, phone=PHONE, **VIBER_THEN_SMS,
                                 validity_period_viber="1", finale_viber_read="0")
    state.scheduler.advance(2)
    assert await wires.status(id_message) == "deliver"
    state.scheduler.advance(120)
    [row] = await wires.state(id_message)
    assert (row["state"], row["state_sms"], row["price_sms"]) == ("deliver", "send", "0")


async def test_finale_viber_read_with_a_read_viber_sends_no_sms(wires, state):
    # 79990000005: Viber delivered, then read.
    id_message = await wires.get(**DEMO, phone="79990000005", **VIBER_THEN_SMS,
                                 validity_period_viber="1", finale_viber_read="1")
    state.scheduler.advance(120)
    [row] = await wires.state(id_message)
    assert (row["state"], row["state_viber"], row["state_sms"]) == ("deliver", "deliver", "send")


async def test_validity_period_viber_expiry_moves_on_to_sms(client, wires, state):
    await rule(client, {"viber": "none"})  # the network never reports on Viber
    id_message = await wires.get(**DEMO, phone=PHONE, **VIBER_THEN_SMS,
                                 validity_period_viber="5")
    state.scheduler.advance(299)
    assert await wires.status(id_message) == "send"
    state.scheduler.advance(1)
    [row] = await wires.state(id_message)
    assert (row["state_viber"], row["state_sms"]) == ("expired", "send")
    state.scheduler.advance(2)
    [row] = await wires.state(id_message)
    assert (row["state"], row["state_viber"], row["state_sms"]) == ("deliver", "expired",
                                                                    "deliver")


async def test_validity_period_viber_defaults_to_an_hour(client, wires, state):
    await rule(client, {"viber": "none"})
    id_message = await wires.get(**DEMO, phone=PHONE, send_viber="1", sender_viber="Shop",
                                 text_viber="Привет")
    state.scheduler.advance(3599)
    assert await wires.status(id_message) == "send"
    state.scheduler.advance(1)
    assert await wires.status(id_message) == "expired"


async def test_time_send_waits_queued_until_the_clock_reaches_it(wires, state):
    # The frozen clock starts at 09:00 UTC = 12:00 in Moscow, the account's zone.
    reply = await wires.json({**DEMO, "message": [{
        **VIBER_THEN_SMS, "time_send": "2026-01-01 13:00", "phones": [{"phone": PHONE}]}]})
    id_message = reply["message"][0][0]["id_message"]
    [message] = await wires.messages()
    assert (message["status"], message["scheduled_at"]) == ("queued", "2026-01-01T10:00:00Z")
    state.scheduler.advance(3599)
    assert (await wires.messages())[0]["status"] == "queued"
    assert await wires.status(id_message) == "send"
    state.scheduler.advance(1)
    assert (await wires.messages())[0]["status"] == "sent"
    state.scheduler.advance(2)
    [row] = await wires.state(id_message)
    assert (row["state"], row["time_change_state"]) == ("deliver", "2026-01-01 13:00:02")


async def test_time_send_and_times_are_in_the_accounts_zone(wires, state, demo):
    demo.timezone = "Asia/Yekaterinburg"  # UTC+5
    root = await wires.xml_send(
        "<message><send_sms>1</send_sms><sender_sms>Shop</sender_sms><text_sms>Привет</text_sms>"
        "<time_send>2026-01-01 15:00</time_send><abonent phone=\"79801234567\" /></message>")
    id_message = root[0][0].get("id_message")
    assert (await wires.messages())[0]["scheduled_at"] == "2026-01-01T10:00:00Z"
    state.scheduler.advance(3602)
    [element] = await wires.xml_state(id_message)
    assert (element.text, element.get("time_change_state")) == ("deliver", "2026-01-01 15:00:02")


async def test_a_time_send_already_past_sends_at_once(wires, state):
    reply = await wires.json({**DEMO, "message": [{
        **VIBER_THEN_SMS, "time_send": "2025-12-31 23:00", "phones": [{"phone": PHONE}]}]})
    assert "id_message" in reply["message"][0][0]
    assert (await wires.messages())[0]["status"] == "sent"
