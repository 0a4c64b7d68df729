"""Golden cases: every example request of the platform's documents (seed 001, the platform's
own; seed 003, TargetSMS's GET guide), answered in the documented reply shapes."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlsplit

from .conftest import DEMO, xml_request

# --- the documents' examples, verbatim -------------------------------------------------------
GET_SEND_001 = (
    'https://имя_хоста/sendmessage.php?login=ЛОГИН&password=ПАРОЛЬ&phone=ТЕЛЕФОН&send_viber=1'
    '&sender_viber=ИМЯ_ОТПРАВИТЕЛЯ_ВАЙБЕР&text_viber=ТЕКСТ_ВАЙБЕР&button_text=ТЕКСТ_КНОПКИ'
    '&button_url=ССЫЛКА_КНОПКИ&image_url=ИЗОБРАЖЕНИЕ&send_sms=3'
    '&sender_sms=ИМЯ_ОТПРАВИТЕЛЯ_СМС&text_sms=ТЕКСТ_СМС&validity_period_viber=60'
    '&finale_viber_read=0&send_vk=2&templateId=100&templateData={"Name":"Имя","Where":"Москва"}')
GET_SEND_003 = (
    'https://sms.targetsms.ru/sendmessage.php?login=ЛОГИН&password=ПАРОЛЬ&phone=ТЕЛЕФОН'
    '&send_viber=1&sender_viber=ИМЯ_ОТПРАВИТЕЛЯ_ВАЙБЕР&text_viber=ТЕКСТ_ВАЙБЕР'
    '&button_text=ТЕКСТ_КНОПКИ&button_url=ССЫЛКА_КНОПКИ&image_url=ИЗОБРАЖЕНИЕ&send_sms=2'
    '&sender_sms=ИМЯ_ОТПРАВИТЕЛЯ_СМС&text_sms=ТЕКСТ_СМС')
GET_STATUS = ('https://имя_хоста/sendmessage.php?login=ЛОГИН&password=ПАРОЛЬ'
              '&id_message=ID_СООБЩЕНИЯ')

JSON_SEND = (
    '{ "login":"login", "password":"password", "message":[ { "send_viber":"1", "send_vk" => "2",'
    ' "send_sms":"3", "name_delivery":"НАЗВАНИЕ_РАССЫЛКИ", "time_send":"ВРЕМЯ_ОТПРАВКИ",'
    ' "sender_viber":"ИМЯ_ОТПРАВИТЕЛЯ_ВАЙБЕР", "text_viber":"ТЕКСТ_ВАЙБЕР",'
    ' "button_text":"ТЕКСТ_КНОПКИ", "button_url":"ССЫЛКА_КНОПКИ", "image_url":"ИЗОБРАЖЕНИЕ",'
    ' "validity_period_viber":"ВРЕМЯ_ЖИЗНИ_ВАЙБЕР_СООБЩЕНИЯ",'
    ' "finale_viber_read":"ФИНАЛЬНЫЙ_СТАТУС_ДОСТАВКИ_КАК_ПРОЧИТАНО",'
    ' "sender_sms":"ИМЯ_ОТПРАВИТЕЛЯ_СМС", "text_sms":"ТЕКСТ_СМС", "templateId" => "100",'
    ' "templateData" => { "Name":"Имя", "Where":"Москва" }, "phones":[ {"phone":"79801234567",'
    '"client_id_message":"111"}, {"phone":"79800000001","client_id_message":"112"} ] },'
    ' { "send_viber":"1", "name_delivery":"НАЗВАНИЕ_РАССЫЛКИ_2",'
    ' "sender_viber":"ИМЯ_ОТПРАВИТЕЛЯ_ВАЙБЕР_2", "text_viber":"ТЕКСТ_ВАЙБЕР_2", "phones":[ '
    '{"phone":"79800000002","client_id_message":"113"} ] }, { "name_delivery":"НАЗВАНИЕ_РАССЫЛКИ_3",'
    ' "sender_viber":"ИМЯ_ОТПРАВИТЕЛЯ_ВАЙБЕР_3", "text_viber":"ТЕКСТ_ВАЙБЕР_3", "phones":[ '
    '{"phone":"79800000003"} ] } ] }')
JSON_STATE = ('{ "login":"login", "password":"password", "state":[ {"id_message":"111"},'
              ' {"id_message":"112"} ] }')

XML_SEND = (
    '<?xml version="1.0" encoding="utf-8" ?> <request> <security> <login value="логин" />'
    ' <password value="пароль" /> </security> <message> <send_viber>1</send_viber>'
    ' <send_vk>2</send_vk> <send_sms>3</send_sms> <name_delivery>НАЗВАНИЕ_РАССЫЛКИ</name_delivery>'
    ' <time_send>ВРЕМЯ_ОТПРАВКИ</time_send> <sender_viber>ИМЯ_ОТПРАВИТЕЛЯ_ВАЙБЕР</sender_viber>'
    ' <text_viber>ТЕКСТ_ВАЙБЕР</text_viber> <button_text>ТЕКСТ_КНОПКИ</button_text>'
    ' <button_url>ССЫЛКА_КНОПКИ</button_url> <image_url>ИЗОБРАЖЕНИЕ</image_url>'
    ' <validity_period_viber>ВРЕМЯ_ЖИЗНИ_ВАЙБЕР_СООБЩЕНИЯ</validity_period_viber>'
    ' <finale_viber_read>1</finale_viber_read> <sender_sms>ИМЯ_ОТПРАВИТЕЛЯ_СМС</sender_sms>'
    ' <text_sms>ТЕКСТ_СМС</text_sms> <templateId>100</templateId> <templateData>'
    ' <Name>Имя</Name> <Where>Москва</Where> </templateData>'
    ' <abonent phone="79801234567" client_id_message="111" />'
    ' <abonent phone="79800000001" client_id_message="112" /> </message> <message>'
    ' <send_viber>1</send_viber> <name_delivery>НАЗВАНИЕ_РАССЫЛКИ_2</name_delivery>'
    ' <sender_viber>ИМЯ_ОТПРАВИТЕЛЯ_ВАЙБЕР_2</sender_viber> <text_viber>ТЕКСТ_ВАЙБЕР_2</text_viber>'
    ' <abonent phone="79800000002" client_id_message="113" /> </message> <message>'
    ' <name_delivery>НАЗВАНИЕ_РАССЫЛКИ_3</name_delivery>'
    ' <sender_viber>ИМЯ_ОТПРАВИТЕЛЯ_ВАЙБЕР_3</sender_viber> <text_viber>ТЕКСТ_ВАЙБЕР_3</text_viber>'
    ' <abonent phone="79800000003" /> </message> </request>')
XML_STATE = (
    '<?xml version="1.0" encoding="utf-8" ?> <request> <security> <login value="логин" />'
    ' <password value="пароль" /> </security> <state> <id_message>111</id_message>'
    ' <id_message>112</id_message> <id_message>113</id_message> </state> </request>')

# What the placeholders become for the demo account. The SMS sender placeholder is longer than
# an SMS sender may be, and time_send / validity / finale_viber_read need real values.
FILLED = {"ЛОГИН": "demo", "ПАРОЛЬ": "demo", "логин": "demo", "пароль": "demo",
          '"login":"login"': '"login":"demo"', '"password":"password"': '"password":"demo"',
          "ТЕЛЕФОН": "79801234567", "ИМЯ_ОТПРАВИТЕЛЯ_СМС": "Shop",
          "ВРЕМЯ_ОТПРАВКИ": "2026-01-01 12:00", "ВРЕМЯ_ЖИЗНИ_ВАЙБЕР_СООБЩЕНИЯ": "60",
          "ФИНАЛЬНЫЙ_СТАТУС_ДОСТАВКИ_КАК_ПРОЧИТАНО": "1", " => ": ":"}

SEND_ENTRY_KEYS = ["id_message", "client_id_message", "phone", "count_message", "id_viber",
                   "id_sms", "id_vk"]
STATE_KEYS = ["id_message", "time_change_state", "state", "state_sms", "state_viber", "state_vk",
              "num_parts_sms", "price_sms", "price_viber", "price_vk"]
UNKNOWN = "Сообщение с таким ID не принималось"
NO_CHANNEL = "Не указан способ отправки сообщения."
BLACKLISTED = "Номер телефона присутствует в стоп-листе."


def fill(text: str) -> str:
    for placeholder, value in FILLED.items():
        text = text.replace(placeholder, value)
    return text


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


# --- GET ---------------------------------------------------------------------------------------
async def test_get_send_example_with_its_placeholders_is_refused_for_the_login(wires):
    assert await wires.get(**query_of(GET_SEND_001)) == "Неверный логин или пароль"


async def test_get_send_example_of_the_platform_returns_the_message_id(wires, demo):
    demo.vk_enabled = True  # the example cascades Viber -> VK -> SMS
    reply = await wires.get(**query_of(fill(GET_SEND_001)))
    assert reply == "1179038981"  # the document's own example reply
    message = (await wires.messages())[0]
    assert [c["channel"] for c in message["channels"]] == ["viber", "vk", "sms"]
    assert message["channels"][1]["template_id"] == "100"
    assert message["channels"][1]["template_data"] == {"Name": "Имя", "Where": "Москва"}
    assert message["channels"][0]["ttl_s"] == 3600


async def test_get_send_example_of_targetsms_cascades_viber_then_sms(wires):
    reply = await wires.get(**query_of(fill(GET_SEND_003)))
    assert reply == "1179038981"
    message = (await wires.messages())[0]
    assert [(c["channel"], c["order"]) for c in message["channels"]] == [("viber", 1), ("sms", 2)]
    assert message["channels"][0]["button_text"] == "ТЕКСТ_КНОПКИ"


async def test_get_send_to_several_phones_returns_the_ids_comma_separated(wires):
    params = {**query_of(fill(GET_SEND_003)), "phone": "79801234567,79800000001"}
    reply = await wires.get(**params)
    assert re.fullmatch(r"\d+,\d+", reply)  # the document: 1178440060,1178440061
    first, second = map(int, reply.split(","))
    assert second == first + 1


async def test_get_status_example(wires, state):
    assert await wires.get(**query_of(GET_STATUS)) == "Неверный логин или пароль"
    id_message = await wires.get(**query_of(fill(GET_SEND_003)))
    status = {**query_of(fill(GET_STATUS)), "id_message": id_message}
    assert await wires.get(**status) == "send"
    state.scheduler.advance(2)
    assert await wires.get(**status) == "deliver"  # the document's example reply


async def test_get_status_of_an_id_never_given_out(wires):
    assert await wires.get(**query_of(fill(GET_STATUS))) == UNKNOWN


# --- JSON --------------------------------------------------------------------------------------
async def test_json_send_example_as_printed_is_not_json(wires):
    # The document's example mixes PHP's "=>" into the JSON; the platform cannot read it.
    assert await wires.json(JSON_SEND) == {"error": "Неправильный формат JSON документа"}


async def test_json_send_example(wires, demo):
    demo.vk_enabled = True
    demo.blacklist.add("79800000001")  # as in the documented reply, the second phone fails
    reply = await wires.json(fill(JSON_SEND))
    first, second, third = reply["message"]
    assert [list(entry) for entry in first] == [
        SEND_ENTRY_KEYS, ["client_id_message", "phone", "error"]]
    assert first[0] == {"id_message": "1179038981", "client_id_message": "111",
                        "phone": "79801234567", "count_message": "1", "id_viber": "2179038981",
                        "id_sms": "3179038981", "id_vk": "4179038981"}
    assert first[1] == {"client_id_message": "112", "phone": "79800000001", "error": BLACKLISTED}
    assert second == [{"id_message": "1179038982", "client_id_message": "113",
                       "phone": "79800000002", "count_message": "1", "id_viber": "2179038982",
                       "id_sms": "0", "id_vk": "0"}]
    assert third == {"error": NO_CHANNEL}  # the third message names no channel
    names = [m["name_delivery"] for m in await wires.messages()]
    assert names == ["НАЗВАНИЕ_РАССЫЛКИ", "НАЗВАНИЕ_РАССЫЛКИ_2"]


async def test_json_state_example(wires, state):
    assert await wires.json(JSON_STATE) == {"error": "Неправильный логин или пароль"}
    reply = await wires.json(fill(JSON_STATE))
    assert reply == {"state": [
        {"id_message": i, "time_change_state": "", "state": UNKNOWN, "state_sms": "",
         "state_viber": "", "state_vk": "", "num_parts_sms": "0", "price_sms": "0",
         "price_viber": "0", "price_vk": "0"} for i in ("111", "112")]}


async def test_json_state_of_a_sent_message(wires, state):
    sent = await wires.json({**DEMO, "message": [{
        "send_sms": "1", "sender_sms": "Shop", "text_sms": "Код 1234",
        "phones": [{"phone": "79801234567"}]}]})
    id_message = sent["message"][0][0]["id_message"]
    state.scheduler.advance(2)
    [row] = (await wires.json(fill(JSON_STATE).replace('"111"', f'"{id_message}"')
                              .replace(', {"id_message":"112"}', "")))["state"]
    assert list(row) == STATE_KEYS
    # 12:00:02 Moscow time: the frozen clock starts at 09:00 UTC and delivery takes 2 s.
    assert row == {"id_message": id_message, "time_change_state": "2026-01-01 12:00:02",
                   "state": "deliver", "state_sms": "deliver", "state_viber": "send",
                   "state_vk": "send", "num_parts_sms": "1", "price_sms": "0.234567",
                   "price_viber": "0", "price_vk": "0"}


# --- XML ---------------------------------------------------------------------------------------
async def test_xml_send_example_with_its_placeholders_is_refused_for_the_login(wires):
    root = await wires.xml("/xml/message.php", XML_SEND.encode())
    assert [(e.tag, e.text) for e in root] == [("error", "Неправильный логин или пароль")]


async def test_xml_send_example(wires, demo):
    demo.vk_enabled = True
    demo.blacklist.add("79800000001")
    root = await wires.xml("/xml/message.php", fill(XML_SEND).encode())
    first, second, third = root
    assert [m.tag for m in root] == ["message"] * 3
    ok, failed = first
    assert ok.tag == failed.tag == "information"
    assert list(ok.attrib.items()) == [
        ("id_message", "1179038981"), ("client_id_message", "111"), ("id_sms", "3179038981"),
        ("id_viber", "2179038981"), ("id_vk", "4179038981"), ("phone", "79801234567"),
        ("count_message", "1")]  # 001 l.260: the parts on the first channel
    assert ok.text == "send"
    assert dict(failed.attrib) == {"client_id_message": "112", "phone": "79800000001"}
    assert failed.text == BLACKLISTED
    [only] = second
    assert only.get("id_message") == "1179038982" and only.get("id_sms") == "0"
    assert [(e.tag, e.text) for e in third] == [("error", NO_CHANNEL)]
    message = (await wires.messages())[0]
    assert message["channels"][1]["template_data"] == {"Name": "Имя", "Where": "Москва"}
    assert message["finale_read"] is True


async def test_xml_state_example(wires):
    root = await wires.xml("/xml/state_message.php", XML_STATE.encode())
    assert [(e.tag, e.text) for e in root] == [("error", "Неправильный логин или пароль")]
    root = await wires.xml("/xml/state_message.php", fill(XML_STATE).encode())
    assert [(e.tag, e.get("id_message"), e.text) for e in root] == [
        ("state", i, UNKNOWN) for i in ("111", "112", "113")]
    assert list(root[0].attrib.items()) == [
        ("id_message", "111"), ("time_change_state", ""), ("state_sms", ""),
        ("state_viber", ""), ("state_vk", ""), ("num_parts_sms", "0"), ("price_sms", "0"),
        ("price_viber", "0"), ("price_vk", "0")]


async def test_xml_state_of_a_sent_message(wires, state):
    sent = await wires.xml_send(
        "<message><send_viber>1</send_viber><sender_viber>Shop</sender_viber>"
        "<text_viber>Привет</text_viber><abonent phone=\"79801234567\" /></message>")
    id_message = sent[0][0].get("id_message")
    state.scheduler.advance(2)
    [row] = await wires.xml_state(id_message)
    assert row.text == "deliver"
    assert dict(row.attrib) == {
        "id_message": id_message, "time_change_state": "2026-01-01 12:00:02",
        "state_sms": "send", "state_viber": "deliver", "state_vk": "send",
        "num_parts_sms": "0", "price_sms": "0", "price_viber": "0.2", "price_vk": "0"}


async def test_replies_carry_no_trailing_newline(client):
    response = await client.get("/sendmessage.php", params={"login": "x", "password": "y"})
    assert await response.read() == "Неверный логин или пароль".encode()
    response = await client.post("/sendmessagejson.php", data=json.dumps({"login": "x"}))
    assert (await response.read()).endswith(b"}")
    response = await client.post("/xml/message.php", data=xml_request("", "x", "y"))
    assert (await response.read()).endswith(b"</response>")
