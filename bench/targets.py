"""What each benchmark target sends: request bytes for the i-th request (distinct numbers and
texts, so no repeat rule refuses them)."""

from __future__ import annotations

import json
from collections.abc import Callable

from .load import get, post

Target = Callable[[int], bytes]


def _ua_number(i: int) -> str:
    return f"38050{i % 10_000_000:07d}"


def inteltele_send(i: int) -> bytes:
    return get(f"/im/send/?username=demo&api_key=demo&to={_ua_number(i)}"
               f"&im_message=Bench+message+{i}")


def _ru_number(i: int) -> str:
    return f"7916{i % 10_000_000:07d}"


def targetsms_get(i: int) -> bytes:
    return get(f"/sendmessage.php?login=demo&password=demo&phone={_ru_number(i)}&send_viber=1"
               f"&sender_viber=Shop&text_viber=Bench+message+{i}&send_sms=2&sender_sms=Shop"
               f"&text_sms=Bench+message+{i}")


def targetsms_json(i: int) -> bytes:
    document = {"login": "demo", "password": "demo", "message": [{
        "send_viber": "1", "send_sms": "2", "sender_viber": "Shop", "sender_sms": "Shop",
        "text_viber": f"Bench message {i}", "text_sms": f"Bench message {i}",
        "phones": [{"phone": _ru_number(i)}]}]}
    return post("/sendmessagejson.php", json.dumps(document).encode(),
                "application/json; charset=utf-8")


def targetsms_xml(i: int) -> bytes:
    document = (
        '<?xml version="1.0" encoding="utf-8" ?><request><security><login value="demo" />'
        '<password value="demo" /></security><message><send_viber>1</send_viber>'
        '<send_sms>2</send_sms><sender_viber>Shop</sender_viber><sender_sms>Shop</sender_sms>'
        f'<text_viber>Bench message {i}</text_viber><text_sms>Bench message {i}</text_sms>'
        f'<abonent phone="{_ru_number(i)}" /></message></request>')
    return post("/xml/message.php", document.encode(), "text/xml; charset=utf-8")


def smsc_send(i: int) -> bytes:
    return get(f"/sys/send.php?login=demo&psw=demo&phones={_ru_number(i)}"
               f"&mes=Bench+message+{i}&charset=utf-8&fmt=3&cost=2")


def smsc_send_fmt1(i: int) -> bytes:
    # Numbers of its own: the same text to the same number within a minute is SMSC's error 9.
    return get(f"/sys/send.php?login=demo&psw=demo&phones=7917{i % 10_000_000:07d}"
               f"&mes=Bench+message+{i}&charset=utf-8&fmt=1&cost=2")


TARGETS: dict[str, Target] = {
    "inteltele /im/send/": inteltele_send,
    "targetsms GET sendmessage.php": targetsms_get,
    "targetsms JSON sendmessagejson": targetsms_json,
    "targetsms XML xml/message.php": targetsms_xml,
    "smsc /sys/send.php fmt=3": smsc_send,
    "smsc /sys/send.php fmt=1": smsc_send_fmt1,
}

# The least share of the bare handler's requests/s each target should reach.
GOALS: dict[str, float] = {name: 0.4 if "XML" in name else 0.5 for name in TARGETS}
