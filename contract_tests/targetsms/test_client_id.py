"""client_id_message: "if a message with this number was already sent from this account, it is
not sent again" — whichever wire, within one request, and when requests arrive together."""

from __future__ import annotations

import asyncio

from .conftest import DEMO, VIBER_THEN_SMS, xml_message

ALREADY_SENT = "Данное сообщение уже было отправлено."
PHONE = "79801234567"


def send(client_id: str, phone: str = PHONE, **credentials: str) -> dict:
    return {**(credentials or DEMO), "message": [{
        **VIBER_THEN_SMS, "phones": [{"phone": phone, "client_id_message": client_id}]}]}


async def test_a_second_send_with_the_same_id_sends_nothing(wires, demo):
    first = (await wires.json(send("111")))["message"][0][0]
    balance = demo.balance
    second = (await wires.json(send("111", phone="79801234568")))["message"][0][0]
    assert "id_message" in first
    assert second == {"client_id_message": "111", "phone": "79801234568", "error": ALREADY_SENT}
    assert len(await wires.messages()) == 1
    assert demo.balance == balance  # nothing charged


async def test_the_id_is_remembered_across_wires(wires):
    await wires.json(send("5"))
    root = await wires.xml_send(xml_message(VIBER_THEN_SMS, [(PHONE, "5"), (PHONE, "6")]))
    refused, sent = root[0]
    assert (refused.text, dict(refused.attrib)) == (ALREADY_SENT,
                                                    {"client_id_message": "5", "phone": PHONE})
    assert sent.text == "send" and sent.get("client_id_message") == "6"
    assert sorted(m["client_id"] for m in await wires.messages()) == ["5", "6"]


async def test_the_same_id_twice_in_one_request(wires):
    reply = await wires.json({**DEMO, "message": [
        {**VIBER_THEN_SMS, "phones": [{"phone": PHONE, "client_id_message": "9"},
                                      {"phone": "79801234568", "client_id_message": "9"}]},
        {**VIBER_THEN_SMS, "phones": [{"phone": PHONE, "client_id_message": "9"}]}]})
    (first, second), (third,) = reply["message"]
    assert "id_message" in first
    assert second["error"] == third["error"] == ALREADY_SENT
    assert len(await wires.messages()) == 1


async def test_ids_belong_to_their_account(client, wires):
    response = await client.put("/__admin/accounts/targetsms/other",
                                json={"password": "secret", "balance": "10"})
    assert response.status in (200, 201)
    await wires.json(send("1"))
    other = (await wires.json(send("1", login="other", password="secret")))["message"][0][0]
    assert "id_message" in other
    assert len(await wires.messages()) == 2


async def test_a_send_that_was_refused_does_not_use_up_the_id(wires, demo):
    demo.balance = 0
    refused = (await wires.json(send("77")))["message"][0][0]
    assert refused["error"].startswith("Недостаточно средств")
    demo.balance = 100
    assert "id_message" in (await wires.json(send("77")))["message"][0][0]


async def test_requests_arriving_together_yield_one_message(wires):
    replies = await asyncio.gather(*[wires.json(send("2024")) for _ in range(20)])
    entries = [reply["message"][0][0] for reply in replies]
    assert sum("id_message" in entry for entry in entries) == 1
    assert sum(entry.get("error") == ALREADY_SENT for entry in entries) == 19
    assert len(await wires.messages()) == 1


async def test_a_client_id_that_is_not_a_number_is_journaled_and_kept(wires):
    # 001 l.98: "ID сообщения на стороне клиента. Число."
    reply = (await wires.json(send("order-17")))["message"][0][0]
    assert reply["client_id_message"] == "order-17" and "id_message" in reply
    assert [(v["rule"], v["field"]) for v in await wires.violations()] == [
        ("client_id_message_not_a_number", "client_id_message")]


async def test_a_numeric_client_id_is_quiet(wires):
    await wires.json(send("0042"))
    assert await wires.violations() == []
