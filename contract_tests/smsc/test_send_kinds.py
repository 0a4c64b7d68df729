"""send.php's message kinds (flash, bin, push, hlr, ping, mms, call, viber, tg): each priced on
its channel's rate, recorded, moving through statuses like an SMS and shown with its `type`;
the text options translit, maxsms and tinyurl."""

from __future__ import annotations

import aiohttp
import pytest

from mockserver.core.billing import RateCard
from mockserver.providers.smsc.text_options import transliterate, within_parts

from .wire import smsc

PHONE = "79101234567"  # MTS: mcc 250, mnc 01


@pytest.fixture
def priced(demo):
    demo.rates = RateCard.from_mapping({
        "sms": {"ru": {"": "1.40"}}, "viber": {"ru": {"": "0.80"}}, "mms": {"ru": {"": "5.00"}},
        "hlr": {"ru": {"": "0.10"}}, "call": {"ru": {"": "2.00"}},
        "telegram": {"ru": {"": "0.50"}}, "mail": {"": {"": "0.05"}}})
    return demo


@pytest.mark.parametrize(("flag", "mes", "channel", "type_code", "cost"), [
    ("flash", "Срочно", "sms", 1, "1.40"),
    ("bin", "0605040B8423F0", "sms", 2, "1.40"),
    ("push", "http://example.com\nExample", "sms", 3, "1.40"),
    ("hlr", "", "hlr", 4, "0.10"),
    ("ping", "", "sms", 5, "1.40"),
    ("mms", "Фото", "mms", 6, "5.00"),
    ("call", "Ваш код 1234", "call", 7, "2.00"),
    ("viber", "Привет", "viber", 10, "0.80"),
    ("tg", "Код 1234", "telegram", 13, "0.50"),
])
async def test_each_kind_is_priced_recorded_and_delivered(client, priced, state, flag, mes,
                                                          channel, type_code, cost):
    params = {"phones": PHONE, flag: "1", "fmt": "3", "cost": "2", "id": "9"}
    if mes:
        params["mes"] = mes
    assert (await smsc(client, "send", params, charset="utf-8")).json() == {
        "id": 9, "cnt": 1, "cost": cost}
    [message] = list(state.messages)
    assert (message.channels[0].channel, message.meta.get("kind")) == (channel, flag)
    state.scheduler.advance(2)
    status = await smsc(client, "status", {"id": "9", "phone": PHONE, "all": "1", "fmt": "3"})
    assert (status.json()["status"], status.json()["type"]) == (1, type_code)


async def test_an_e_mail_goes_to_an_address_with_its_subject(client, priced, state):
    reply = await smsc(client, "send", {"phones": "first-last@example.com", "mail": "1",
                                        "mes": "Счёт <file 1>", "subj": "Счёт",
                                        "sender": "shop@example.com", "fmt": "3", "cost": "2",
                                        "id": "8"}, charset="utf-8")
    assert reply.json() == {"id": 8, "cnt": 1, "cost": "0.05"}
    [message] = list(state.messages)
    assert (message.phone, message.channels[0].channel, message.meta["subj"]) == (
        "first-last@example.com", "mail", "Счёт")
    state.scheduler.advance(2)
    status = await smsc(client, "status", {"id": "8", "phone": "first-last@example.com",
                                           "all": "1", "fmt": "3"})
    assert (status.json()["status"], status.json()["type"]) == (1, 8)
    history = await smsc(client, "get", {"get_messages": "1", "email": "first-last@example.com",
                                          "fmt": "3"})
    assert [(row["id"], row["type"]) for row in history.json()] == [(8, 8)]


async def test_a_malformed_address_is_error_7(client, priced):
    reply = await smsc(client, "send", {"phones": "not-an-address@", "mail": "1", "mes": "x",
                                        "fmt": "1", "id": "2"})
    assert reply.text == "2,-7"


async def test_several_kinds_at_once_are_error_1(client, priced):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "mms": "1", "viber": "1",
                                        "fmt": "1"})
    assert reply.text == "0,-1"


async def test_a_kind_without_its_rate_cannot_be_delivered(client, demo):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "x", "call": "1", "fmt": "1",
                                        "id": "3"})
    assert reply.text == "3,-8"


async def test_mms_keeps_its_subject_and_uploaded_files(client, priced, state):
    form = aiohttp.FormData()
    for key, value in {"login": "demo", "psw": "demo", "phones": PHONE, "mms": "1",
                       "mes": "Смотри", "subj": "Фото", "fmt": "3", "charset": "utf-8"}.items():
        form.add_field(key, value)
    form.add_field("file1", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, filename="photo.png",
                   content_type="image/png")
    response = await client.post("/sys/send.php", data=form)
    assert (await response.json())["cnt"] == 1
    [message] = list(state.messages)
    assert message.meta["subj"] == "Фото"
    assert message.meta["files"] == [{"field": "file1", "filename": "photo.png",
                                      "content_type": "image/png", "size": 48,
                                      "truncated": False}]


async def test_a_call_keeps_its_voice_and_parameters(client, priced, state):
    await smsc(client, "send", {"phones": PHONE, "mes": "Код 12", "call": "1", "voice": "w2",
                                "param": "10,10,2"})
    [message] = list(state.messages)
    assert (message.meta["voice"], message.meta["param"]) == ("w2", "10,10,2")


async def test_an_hlr_answer_shows_the_home_network(client, priced, state):
    await smsc(client, "send", {"phones": PHONE, "hlr": "1", "id": "4"})
    state.scheduler.advance(2)
    reply = (await smsc(client, "status", {"id": "4", "phone": PHONE, "all": "2", "fmt": "3"},
                        charset="utf-8")).json()
    assert {key: reply[key] for key in ("imsi", "mcc", "mnc", "cn", "net", "room")} == {
        "imsi": "250019101234567", "mcc": "250", "mnc": "01", "cn": "Россия",
        "net": "МТС", "room": ""}


async def test_translit_counts_latin_parts(client, demo, state):
    text = "Привет" * 20  # 120 Cyrillic characters: 2 UCS-2 parts, 1 GSM part in Latin
    plain = await smsc(client, "send", {"phones": PHONE, "mes": text, "fmt": "3"},
                       charset="utf-8")
    state.scheduler.advance(61)  # the same mes again within a minute would be error 9
    latin = await smsc(client, "send", {"phones": PHONE, "mes": text, "translit": "1",
                                        "fmt": "3"}, charset="utf-8")
    assert (plain.json()["cnt"], latin.json()["cnt"]) == (2, 1)
    assert list(state.messages)[1].channels[0].text.startswith("PrivetPrivet")


async def test_maxsms_cuts_a_long_text(client, demo, state):
    reply = await smsc(client, "send", {"phones": PHONE, "mes": "a" * 1000, "maxsms": "2",
                                        "fmt": "3"})
    assert reply.json()["cnt"] == 2
    assert len(list(state.messages)[0].channels[0].text) == 306


async def test_tinyurl_shortens_links(client, demo, state):
    await smsc(client, "send", {"phones": PHONE, "tinyurl": "1",
                                "mes": "See https://example.com/a/very/long/path?x=1 now"})
    text = list(state.messages)[0].channels[0].text
    assert text.startswith("See https://smsc.ru/~") and text.endswith(" now")


def test_transliteration_and_cutting():
    assert transliterate("Щука и Ёж") == "Schuka i Yozh"
    assert within_parts("x" * 200, 1) == "x" * 160
    assert within_parts("short", 3) == "short"


async def test_list_sends_a_text_per_number_under_one_id(client, demo, state):
    reply = await smsc(client, "send", {
        "list": f"{PHONE}:Ваш код 1111\n79001112233,79005550001:Ваш код 2222\\nспасибо",
        "fmt": "3", "cost": "2"}, charset="utf-8")
    assert reply.json() == {"id": 1, "cnt": 3, "cost": "4.20"}
    sent = {m.phone: m.channels[0].text for m in state.messages}
    assert sent == {PHONE: "Ваш код 1111", "79001112233": "Ваш код 2222\nспасибо",
                    "79005550001": "Ваш код 2222\nспасибо"}
    assert {m.provider_ids["id"] for m in state.messages} == {"1"}


async def test_a_malformed_list_is_error_1(client, demo):
    reply = await smsc(client, "send", {"list": "79001234567 no colon", "fmt": "1"})
    assert reply.text == "0,-1"
