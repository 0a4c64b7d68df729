"""Every row of the error table is reached, each by the request that earns it, with its exact
text (no trailing newline), in the wire where the platform answers it."""

from __future__ import annotations

import pytest

from contract_tests.crashes import BrokenOnPurpose
from mockserver.providers.targetsms.errors import TargetError

from .conftest import DEMO, VIBER_THEN_SMS, xml_request

PHONE = "79801234567"


def viber(**overrides: str) -> dict[str, str]:
    return {**DEMO, "phone": PHONE, "send_viber": "1", "sender_viber": "Shop",
            "text_viber": "Привет", **overrides}


def sms(**overrides: str) -> dict[str, str]:
    return {**DEMO, "phone": PHONE, "send_sms": "1", "sender_sms": "Shop",
            "text_sms": "Привет", **overrides}


async def _json_phone_error(wires, phones, **fields) -> str:
    reply = await wires.json({**DEMO, "message": [{**fields, "phones": phones}]})
    return reply["message"][0][-1]["error"]


async def _repeat(wires, state, demo):
    await wires.get(**sms())
    return await wires.get(**sms())


async def _unknown_sender(wires, state, demo):
    demo.senders = {"sms": ["Allowed"]}
    return await wires.get(**sms(sender_sms="Other"))


async def _banned_sender(wires, state, demo):
    demo.banned_senders = {"Spam"}
    return await wires.get(**viber(sender_viber="Spam"))


async def _no_route_for_you(wires, state, demo):
    demo.routes = {"ua"}
    return await wires.get(**sms())


async def _low_balance(wires, state, demo):
    demo.balance = 0
    return await wires.get(**sms())


async def _already_sent(wires, state, demo):
    phones = [{"phone": PHONE, "client_id_message": "7"}]
    fields = {"send_sms": "1", "sender_sms": "Shop", "text_sms": "Привет"}
    await wires.json({**DEMO, "message": [{**fields, "phones": phones}]})
    return await _json_phone_error(wires, phones, **fields)


async def _internal(wires, state, demo):
    def broken(command):
        raise BrokenOnPurpose("a fault of the mock itself")
    state.sending.send = broken
    return await wires.get(**sms())


async def _xml_error(wires, body: bytes) -> str:
    root = await wires.xml("/xml/message.php", body)
    return root[0].text


CASES = {
    TargetError.NO_POST_DATA: lambda w, s, d: w.json(b""),
    TargetError.BAD_JSON: lambda w, s, d: w.json(b'{"login": "demo",'),
    TargetError.BAD_XML: lambda w, s, d: _xml_error(w, b"<request><security>"),
    TargetError.WRONG_LOGIN: lambda w, s, d: w.json({"login": "demo", "password": "x"}),
    TargetError.WRONG_LOGIN_GET: lambda w, s, d: w.get(login="demo", password="x"),
    TargetError.REPEATED_REQUEST: _repeat,
    TargetError.NO_CHANNEL: lambda w, s, d: w.get(**sms(send_sms="0")),
    TargetError.NO_PHONE: lambda w, s, d: w.get(**sms(phone="")),
    TargetError.NO_TEXT: lambda w, s, d: w.get(**viber(text_viber="")),
    TargetError.VIBER_TEXT_TOO_LONG: lambda w, s, d: w.get(**viber(text_viber="я" * 1001)),
    TargetError.NO_BUTTON_URL: lambda w, s, d: w.get(**viber(button_text="Открыть")),
    TargetError.NO_BUTTON_TEXT: lambda w, s, d: w.get(**viber(button_url="https://x.ru")),
    TargetError.BUTTON_TEXT_TOO_LONG: lambda w, s, d: w.get(
        **viber(button_text="К" * 20, button_url="https://x.ru")),
    TargetError.IMAGE_WITHOUT_BUTTON: lambda w, s, d: w.get(
        **viber(image_url="https://x.ru/a.png")),
    TargetError.NO_SENDER: lambda w, s, d: w.get(**viber(sender_viber="")),
    TargetError.SENDER_TOO_LONG: lambda w, s, d: w.get(**sms(sender_sms="ShopShopShop")),
    TargetError.UNKNOWN_SENDER: _unknown_sender,
    TargetError.SENDER_NOT_APPROVED: _banned_sender,
    TargetError.BAD_DATE: lambda w, s, d: w.json({**DEMO, "message": [{
        **VIBER_THEN_SMS, "time_send": "завтра", "phones": [{"phone": PHONE}]}]}),
    TargetError.BAD_PHONE: lambda w, s, d: w.get(**sms(phone="790012345678901")),
    TargetError.BLACKLISTED: lambda w, s, d: w.get(**sms(phone="79990000009")),
    TargetError.ROUTE_CLOSED_FOR_YOU: _no_route_for_you,
    TargetError.ROUTE_CLOSED: lambda w, s, d: w.get(**sms(phone="99912345678")),
    TargetError.LOW_BALANCE: _low_balance,
    TargetError.ALREADY_SENT: _already_sent,
    TargetError.UNKNOWN_MESSAGE: lambda w, s, d: w.status("42"),
    TargetError.INTERNAL: _internal,
}


def _text_of(reply) -> str:
    if isinstance(reply, dict):
        if "error" in reply:
            return reply["error"]
        return reply["message"][0]["error"]
    return reply


def test_every_error_has_a_case():
    assert set(CASES) == set(TargetError)


@pytest.mark.parametrize("error", list(TargetError), ids=lambda e: e.name)
async def test_each_error_is_answered_with_its_exact_text(error, wires, state, demo):
    assert _text_of(await CASES[error](wires, state, demo)) == error.value
    assert not [m for m in await wires.messages() if m["status"] == "queued"]


# --- the same errors on the other wires ------------------------------------------------------
async def test_request_errors_on_the_xml_wire(wires):
    for body, error in [(b"", TargetError.NO_POST_DATA),
                        (b"not xml", TargetError.BAD_XML),
                        (xml_request("", password="x"), TargetError.WRONG_LOGIN),
                        (xml_request(""), TargetError.NO_POST_DATA)]:
        for path in ("/xml/message.php", "/xml/state_message.php"):
            root = await wires.xml(path, body)
            assert [(e.tag, e.text) for e in root] == [("error", error.value)]


async def test_a_get_to_a_document_path_reads_as_no_post_data(client):
    response = await client.get("/sendmessagejson.php")
    assert await response.text() == '{"error":"' + "".join(
        f"\\u{ord(c):04x}" if ord(c) > 127 else c for c in TargetError.NO_POST_DATA.value) + '"}'


async def test_message_errors_take_the_message_slot_in_json(wires):
    reply = await wires.json({**DEMO, "message": [
        {"send_viber": "1", "sender_viber": "Shop", "phones": [{"phone": PHONE}]},
        {**VIBER_THEN_SMS, "phones": []},
        {**VIBER_THEN_SMS, "phones": [{"phone": PHONE}]}]})
    first, second, third = reply["message"]
    assert first == {"error": TargetError.NO_TEXT.value}
    assert second == {"error": TargetError.NO_PHONE.value}
    assert len(third) == 1 and "id_message" in third[0]


async def test_vk_is_refused_for_an_account_without_it_and_sent_with_it(wires, demo, state):
    params = {**DEMO, "phone": PHONE, "send_vk": "1", "templateId": "100",
              "templateData": '{"Name": "Имя"}'}
    assert await wires.get(**params) == TargetError.ROUTE_CLOSED_FOR_YOU.value
    demo.vk_enabled = True
    state.scheduler.advance(60)  # the same request again: not within the minute
    assert (await wires.get(**params)).isdigit()
    message = (await wires.messages())[0]
    assert message["channels"][0]["template_data"] == {"Name": "Имя"}


async def test_vk_needs_its_template(wires, demo):
    demo.vk_enabled = True
    base = {**DEMO, "phone": PHONE, "send_vk": "1"}
    assert await wires.get(**base) == TargetError.NO_TEXT.value
    assert await wires.get(**base, templateId="1", templateData="{oops") == \
        TargetError.BAD_JSON.value


async def test_phone_errors_in_a_multi_phone_get_stand_in_their_place(wires):
    reply = await wires.get(**sms(phone=f"{PHONE},79990000009,79801234568"))
    first, second, third = reply.split(",")
    assert first.isdigit() and third.isdigit()
    assert second == TargetError.BLACKLISTED.value


async def test_phone_errors_in_json_and_xml(wires):
    phones = [{"phone": "", "client_id_message": "1"}, {"phone": "abc"},
              {"phone": "79990000009", "client_id_message": "3"}]
    reply = await wires.json({**DEMO, "message": [{**VIBER_THEN_SMS, "phones": phones}]})
    assert reply["message"][0] == [
        {"client_id_message": "1", "phone": "", "error": TargetError.NO_PHONE.value},
        {"client_id_message": "", "phone": "abc", "error": TargetError.BAD_PHONE.value},
        {"client_id_message": "3", "phone": "79990000009",
         "error": TargetError.BLACKLISTED.value}]
    root = await wires.xml_send('<message><send_sms>1</send_sms><sender_sms>Shop</sender_sms>'
                                '<text_sms>x</text_sms><abonent phone="79990000009" '
                                'client_id_message="9" /></message>')
    [information] = root[0]
    assert dict(information.attrib) == {"client_id_message": "9", "phone": "79990000009"}
    assert information.text == TargetError.BLACKLISTED.value
