"""What the documents warn about is journaled as a contract violation, with a stable rule
name, beside the reply the platform would give."""

from __future__ import annotations

from .conftest import DEMO, VIBER_THEN_SMS, xml_message, xml_request

PHONE = "79801234567"


async def rules_of(wires) -> list[tuple[str, str]]:
    return [(v["rule"], v["field"]) for v in await wires.violations()]


async def test_a_url_over_2000_characters(wires):
    reply = await wires.get(**DEMO, phone=PHONE, **{**VIBER_THEN_SMS, "text_viber": "я" * 400})
    assert reply.isdigit()  # only advised against: the send goes through
    assert await rules_of(wires) == [("url_too_long", "")]


async def test_a_url_within_the_limit_is_quiet(wires):
    assert (await wires.get(**DEMO, phone=PHONE, **VIBER_THEN_SMS)).isdigit()
    assert await rules_of(wires) == []


async def test_a_button_without_its_pair(wires):
    await wires.get(**DEMO, phone=PHONE, **VIBER_THEN_SMS, button_text="Открыть")
    await wires.get(**DEMO, phone="79801234568", **VIBER_THEN_SMS, button_url="https://x.ru")
    assert await rules_of(wires) == [("button_without_pair", "button_text"),
                                     ("button_without_pair", "button_url")]


async def test_an_image_without_a_button(wires):
    await wires.json({**DEMO, "message": [{**VIBER_THEN_SMS, "image_url": "https://x.ru/a.png",
                                           "phones": [{"phone": PHONE}]}]})
    assert await rules_of(wires) == [("image_without_button", "image_url")]


async def test_viber_text_and_button_text_too_long(wires):
    await wires.get(**DEMO, phone=PHONE, **{**VIBER_THEN_SMS, "text_viber": "a" * 1001})
    await wires.get(**DEMO, phone=PHONE, **VIBER_THEN_SMS, button_text="b" * 20,
                    button_url="https://x.ru")
    assert await rules_of(wires) == [("viber_text_too_long", "text_viber"),
                                     ("button_text_too_long", "button_text")]


async def test_exactly_at_the_limits_is_fine(wires):
    reply = await wires.get(**DEMO, phone=PHONE, **{**VIBER_THEN_SMS, "text_viber": "a" * 1000},
                            button_text="b" * 19, button_url="https://x.ru",
                            image_url="https://x.ru/a.png")
    assert reply.isdigit()
    assert await rules_of(wires) == []


async def test_a_line_break_in_an_xml_document(wires):
    body = xml_request(xml_message(VIBER_THEN_SMS, [(PHONE, None)])).replace(
        b"<message>", b"\n<message>")
    root = await wires.xml("/xml/message.php", body)
    assert root[0][0].text == "send"  # journaled, and sent all the same
    [violation] = await wires.violations()
    assert violation["rule"] == "xml_line_break"
    assert '"\\n"' in violation["message"]


async def test_a_repeated_request_and_odd_field_values(wires):
    params = {**DEMO, "phone": PHONE, **VIBER_THEN_SMS, "send_vk": "x",
              "validity_period_viber": "hour"}
    await wires.get(**params)
    await wires.get(**params)  # refused as a repeat before its fields are read
    assert await rules_of(wires) == [
        ("send_order_out_of_range", "send_vk"), ("validity_period_viber_format",
                                                 "validity_period_viber"),
        ("repeated_request", "")]


async def test_an_unknown_message_id(wires):
    await wires.status("123")
    assert await rules_of(wires) == [("unknown_message_id", "id_message")]


async def test_a_message_on_no_channel(wires):
    await wires.json({**DEMO, "message": [{"text_viber": "x", "phones": [{"phone": PHONE}]}]})
    assert await rules_of(wires) == [("no_channel", "send_viber")]
