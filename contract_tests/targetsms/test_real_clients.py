"""The TargetSMS-family platform as its public clients call it: golden requests written the way
those clients build them, and the replies read the way they read them.

- A PHPShop module's Viber-then-SMS cascade: one XML document built by string concatenation
  (no line breaks, nothing escaped), POSTed by PHP curl with the headers `Content-type:
  text/xml`, `charset=utf-8` (no colon: curl drops it) and `Expect:`; its phones are numbered
  from 0 in `client_id_message`, on every send.
- The documents' own PHP: `json_encode($param)` (Cyrillic as \\uXXXX, "/" as "\\/"), the
  reply read with `json_decode($res, true)`; the GET API read as plain text."""

from __future__ import annotations

import json

from lxml import etree

CURL_HEADERS = {"Content-type": "text/xml", "Expect": ""}


def shop_cascade(phones: list[str], text: str, button: tuple[str, ...] = ()) -> bytes:
    """The module's document, byte for byte as its string concatenation makes it."""
    src = ('<?xml version="1.0" encoding="utf-8"?><request><security>'
           '<login value="demo" /><password value="demo" /></security><message>'
           '<send_viber>1</send_viber><send_sms>2</send_sms>'
           f'<sender_viber>MyShop</sender_viber><text_viber>{text}</text_viber>')
    if button:
        src += f"<button_text>{button[0]}</button_text><button_url>{button[1]}</button_url>"
        if len(button) > 2:
            src += f"<image_url>{button[2]}</image_url>"
    src += ('<finale_viber_read>1</finale_viber_read><sender_sms>MyShop</sender_sms>'
            f'<text_sms>{text}</text_sms>')
    src += "".join(f'<abonent phone="{phone.strip()}" client_id_message="{k}" />'
                   for k, phone in enumerate(phones))
    return (src + "</message></request>").encode()


async def post_xml(client, body: bytes) -> etree._Element:
    response = await client.post("/xml/message.php", data=body, headers=CURL_HEADERS)
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    return etree.fromstring(await response.read())


async def test_shop_cascade_to_the_admin_phones(client, state):
    reply = await post_xml(client, shop_cascade(["79001234567", " 79001234568"],  # explode(",", "a, b")
                                                "Новый заказ №42 на сумму 1500 руб."))
    informations = reply.findall("message/information")
    assert [(i.get("phone"), i.get("client_id_message"), i.text) for i in informations] == [
        ("79001234567", "0", "send"), ("79001234568", "1", "send")]
    for information in informations:
        assert information.get("id_message").isdigit()
        assert information.get("id_viber") != "0" and information.get("id_sms") != "0"
    message = state.messages.by_provider_id(informations[0].get("id_message"))[0]
    assert [c.channel.value for c in message.channels] == ["viber", "sms"]


async def test_every_order_numbers_its_phones_from_zero_again(client):
    # client_id_message 0 is no ID: the next order's first phone is sent, not refused.
    await post_xml(client, shop_cascade(["79001234567"], "Заказ №42"))
    reply = await post_xml(client, shop_cascade(["79001234567", "79001234568"], "Заказ №43",
                                                ("Открыть", "http://shop.example/o/43",
                                                 "http://shop.example/i.png")))
    assert [(i.get("client_id_message"), i.text)
            for i in reply.findall("message/information")] == [("0", "send"), ("1", "send")]


async def test_a_repeated_client_id_other_than_zero_is_still_refused(client):
    body = shop_cascade(["79001234560", "79001234561"], "Заказ №44")
    await post_xml(client, body)
    reply = await post_xml(client, body.replace(b"\xe2\x84\x9644", b"\xe2\x84\x9645"))
    assert [(i.get("client_id_message"), i.text)
            for i in reply.findall("message/information")] == [
        ("0", "send"), ("1", "Данное сообщение уже было отправлено.")]


async def test_an_unescaped_ampersand_is_a_document_that_does_not_parse(client):
    reply = await post_xml(client, shop_cascade(["79001234569"], "Заказ №46",
                                                ("Открыть", "http://shop.example/?a=1&b=2")))
    assert etree.tostring(reply, encoding="unicode") == (
        "<response><error>Неправильный формат XML документа</error></response>")


async def test_documents_php_json_encode_and_json_decode(client):
    # json_encode() without flags: "\u0422..." for Cyrillic, "\/" for slashes.
    body = json.dumps({"login": "demo", "password": "demo", "message": [{
        "send_viber": "1", "sender_viber": "MyShop", "text_viber": "Текст",
        "button_text": "Открыть", "button_url": "https:\\/\\/shop.example\\/o\\/1",
        "phones": [{"phone": "79801234567", "client_id_message": "111"}]}]})
    body = body.replace("\\\\/", "\\/")
    response = await client.post("/sendmessagejson.php", data=body, headers={
        "Content-Type": "application/json", "Expect": ""})
    result = json.loads(await response.text())
    sent = result["message"][0][0]
    assert (sent["client_id_message"], sent["phone"], sent["id_sms"], sent["id_vk"]) == (
        "111", "79801234567", "0", "0")
    state = json.loads(await (await client.post("/sendmessagejson.php", data=json.dumps({
        "login": "demo", "password": "demo", "state": [{"id_message": sent["id_message"]}]}),
        headers={"Content-Type": "application/json"})).text())
    assert state["state"][0]["id_message"] == sent["id_message"]
    assert state["state"][0]["state"] in {"send", "deliver"}


async def test_get_send_then_status_in_plain_text(client):
    sent = await client.get("/sendmessage.php", params={
        "login": "demo", "password": "demo", "phone": "79000000001,79000000002",
        "send_sms": "1", "sender_sms": "MyShop", "text_sms": "Код 1234"})
    assert sent.headers["Content-Type"] == "text/plain; charset=utf-8"
    ids = (await sent.text()).split(",")
    assert len(ids) == 2 and all(i.isdigit() for i in ids)
    status = await client.get("/sendmessage.php", params={
        "login": "demo", "password": "demo", "id_message": ids[0]})
    assert await status.text() in {"send", "deliver"}
