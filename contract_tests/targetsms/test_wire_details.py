"""Details of the wires the documents leave implicit: who may log in, how replies are spelled,
what a fault of the mock itself looks like, and which fields each wire reads."""

from __future__ import annotations

import json

from contract_tests.crashes import BrokenOnPurpose
from mockserver.providers.targetsms.errors import TargetError

from .conftest import DEMO, VIBER_THEN_SMS, xml_request

PHONE = "79801234567"


async def test_an_address_outside_the_accounts_allowlist_cannot_log_in(client):
    response = await client.patch("/__admin/accounts/targetsms/demo",
                                  json={"allowed_ips": ["10.0.0.0/8"]})
    assert response.status == 200
    params = {**DEMO, "phone": PHONE, **VIBER_THEN_SMS}
    response = await client.get("/sendmessage.php", params=params,
                                headers={"X-Forwarded-For": "192.0.2.1"})
    assert await response.text() == TargetError.WRONG_LOGIN_GET.value
    response = await client.get("/sendmessage.php", params=params,
                                headers={"X-Forwarded-For": "10.1.2.3"})
    assert (await response.text()).isdigit()


async def test_failed_logins_lock_nobody_out(wires):
    # The platform documents no lock-out after failed logins.
    for _ in range(30):
        assert await wires.get(login="demo", password="wrong") == \
            TargetError.WRONG_LOGIN_GET.value
    assert (await wires.get(**DEMO, phone=PHONE, **VIBER_THEN_SMS)).isdigit()


async def test_json_replies_are_spelled_as_php_spells_them(client):
    document = {**DEMO, "message": [{**VIBER_THEN_SMS, "phones": [{"phone": "a/b"}]}]}
    response = await client.post("/sendmessagejson.php", data=json.dumps(document))
    raw = await response.read()
    assert b'"phone":"a\\/b"' in raw  # json_encode escapes "/"
    assert b"\\u041d" in raw  # ...and writes non-ASCII as \uXXXX
    assert raw.isascii()
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"


async def test_numbers_and_booleans_in_json_fields_read_as_php_reads_them(wires):
    reply = await wires.json({**DEMO, "message": [{
        "send_viber": 1, "sender_viber": "Shop", "text_viber": "Привет",
        "finale_viber_read": True, "validity_period_viber": 5.0,
        "phones": [{"phone": 79801234567, "client_id_message": 111}]}]})
    entry = reply["message"][0][0]
    assert (entry["phone"], entry["client_id_message"]) == ("79801234567", "111")
    [message] = await wires.messages()
    assert (message["finale_read"], message["channels"][0]["ttl_s"]) == (True, 300)


async def test_a_fault_of_the_mock_is_answered_in_each_wires_shape(client, state):
    def broken(command):
        raise BrokenOnPurpose("a fault of the mock itself")
    state.sending.send = broken
    text = TargetError.INTERNAL.value
    response = await client.get("/sendmessage.php", params={**DEMO, "phone": PHONE,
                                                             **VIBER_THEN_SMS})
    assert (response.status, await response.text()) == (200, text)
    response = await client.post("/sendmessagejson.php", data=json.dumps(
        {**DEMO, "message": [{**VIBER_THEN_SMS, "phones": [{"phone": PHONE}]}]}))
    assert (response.status, await response.json()) == (200, {"error": text})
    response = await client.post("/xml/message.php", data=xml_request(
        f'<message><send_sms>1</send_sms><sender_sms>Shop</sender_sms><text_sms>x</text_sms>'
        f'<abonent phone="{PHONE}" /></message>'))
    assert response.status == 200
    assert (await response.text()).endswith(f"<response><error>{text}</error></response>")


async def test_get_reads_only_its_own_fields(wires):
    reply = await wires.get(**DEMO, phone=PHONE, **VIBER_THEN_SMS, time_send="2026-01-02 10:00",
                            name_delivery="Акция")
    assert reply.isdigit()
    [message] = await wires.messages()
    assert (message["status"], message["name_delivery"]) == ("sent", "Шлюз")
    rules = [v["rule"] for v in await wires.violations()]
    assert rules == ["not_a_get_parameter", "not_a_get_parameter"]


async def test_a_post_to_sendmessage_reads_its_form_as_a_get(client):
    response = await client.post("/sendmessage.php", data={**DEMO, "phone": PHONE,
                                                          **VIBER_THEN_SMS})
    assert (await response.text()) == "1179038981"


async def test_name_delivery_defaults_to_the_gateway(wires):
    await wires.json({**DEMO, "message": [{**VIBER_THEN_SMS, "name_delivery": "",
                                           "phones": [{"phone": PHONE}]}]})
    assert (await wires.messages())[0]["name_delivery"] == "Шлюз"


async def test_state_of_another_accounts_message_is_unknown(client, wires):
    await client.put("/__admin/accounts/targetsms/other", json={"password": "p"})
    id_message = await wires.get(**DEMO, phone=PHONE, **VIBER_THEN_SMS)
    assert await wires.get(login="other", password="p", id_message=id_message) == \
        TargetError.UNKNOWN_MESSAGE.value
    # Only id_message finds a message: its channel ids are not message ids.
    [message] = await wires.messages()
    assert await wires.status(message["provider_ids"]["id_viber"]) == \
        TargetError.UNKNOWN_MESSAGE.value


async def test_a_json_body_over_the_limit_is_not_a_json_document(wires):
    document = {**DEMO, "message": [{**VIBER_THEN_SMS, "text_sms": "я" * 600_000,
                                     "phones": [{"phone": PHONE}]}]}
    assert await wires.json(document) == {"error": TargetError.BAD_JSON.value}
    assert [v["rule"] for v in await wires.violations()] == ["body_too_large"]


async def test_more_numbers_than_the_mock_takes_in_one_document(wires, state):
    phones = [{"phone": PHONE}] * (state.limits.max_recipients + 1)
    reply = await wires.json({**DEMO, "message": [{**VIBER_THEN_SMS, "phones": phones}]})
    assert reply == {"error": TargetError.BAD_JSON.value}
    assert [v["rule"] for v in await wires.violations()] == ["too_many_numbers"]
    assert await wires.messages() == []
