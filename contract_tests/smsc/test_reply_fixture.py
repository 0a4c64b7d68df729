"""`sms_mock.reply(phone, text)`: from pytest, the recipient of the last message answers, and the
application reads the answer where SMSC keeps it (get.php get_answers)."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

PHONE = "79001234567"


def smsc(url: str, path: str, **params: str):
    query = urllib.parse.urlencode({"login": "demo", "psw": "demo", "fmt": "3",
                                    "charset": "utf-8", **params})
    with urllib.request.urlopen(f"{url}/sys/{path}.php?{query}", timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def test_the_recipient_answers_the_last_message(sms_mock):
    sent = smsc(sms_mock.url, "send", phones=PHONE, mes="Подтвердите заказ: ответьте ДА")
    answer = sms_mock.reply(PHONE, "ДА")
    message = sms_mock.messages.one(phone=PHONE)
    assert (answer.provider, answer.login, answer.reply_to) == ("smsc", "demo", message.id)
    assert [(row["id"], row["phone"], row["message"]) for row in
            smsc(sms_mock.url, "get", get_answers="1")] == [(1, PHONE, "ДА")]
    assert sms_mock.inbound[0].text == "ДА" and sent["cnt"] == 1


def test_a_reply_names_its_account_when_nobody_wrote_first(sms_mock):
    sms_mock.reply(PHONE, "hello", provider="smsc", login="demo", to="79990000100")
    rows = smsc(sms_mock.url, "get", get_answers="1", to_phone="79990000100")
    assert [row["message"] for row in rows] == ["hello"]


def test_reset_forgets_the_answers(sms_mock):
    sms_mock.reply(PHONE, "x", provider="smsc", login="demo")
    sms_mock.reset()
    assert sms_mock.inbound == []
