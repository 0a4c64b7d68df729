"""End to end, over HTTP, two clients written from SMSC's public documentation: one parses
`fmt=1` the way the official libraries do (split on commas, errors as `<id>,-<code>`), one
parses `fmt=3` JSON. Each sends, prices, checks a status and reads the balance."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from decimal import Decimal

import pytest

from mockserver.cli import build_state
from mockserver.testing.server import BackgroundServer


class SmscError(Exception):
    def __init__(self, code: int, message_id: str = "") -> None:
        super().__init__(f"SMSC error {code}" + (f", ID {message_id}" if message_id else ""))
        self.code, self.message_id = code, message_id


class Fmt1Client:
    """Every call is `fmt=1&charset=...`; a long request goes by POST, as the libraries do."""

    def __init__(self, base: str, login: str, psw: str, charset: str = "utf-8") -> None:
        self.base, self.login, self.psw, self.charset = base, login, psw, charset

    def _cmd(self, cmd: str, **args: str) -> list[str]:
        query = urllib.parse.urlencode({"login": self.login, "psw": self.psw, "fmt": 1,
                                        "charset": self.charset, **args},
                                       encoding=self.charset)
        url = f"{self.base}/sys/{cmd}.php"
        if len(query) > 2000:
            reply = urllib.request.urlopen(url, query.encode("ascii"), timeout=10)
        else:
            reply = urllib.request.urlopen(f"{url}?{query}", timeout=10)
        with reply:
            assert reply.status == 200
            return reply.read().decode(self.charset).split(",")

    def send_sms(self, phones: str, message: str, **extra: str) -> tuple[str, str, str, str]:
        m = self._cmd("send", cost="3", phones=phones, mes=message, translit="0", id="0",
                      **extra)
        if int(m[1]) <= 0:  # (id, -error)
            raise SmscError(-int(m[1]), m[0] if m[0] != "0" else "")
        return m[0], m[1], m[2], m[3]

    def get_sms_cost(self, phones: str, message: str) -> tuple[str, str]:
        m = self._cmd("send", cost="1", phones=phones, mes=message, translit="0")
        if int(m[1]) <= 0:
            raise SmscError(-int(m[1]))
        return m[0], m[1]

    def get_status(self, message_id: str, phone: str, all: int = 0) -> list[str]:
        m = self._cmd("status", phone=phone, id=message_id, all=str(all))
        if len(m) == 2 and m[1].startswith("-"):
            raise SmscError(-int(m[1]))
        if all and len(m) > 9:
            m = ",".join(m).split(",", 8)  # the message text is last and may hold commas
        return m

    def get_balance(self) -> str | None:
        m = self._cmd("balance")
        return m[0] if len(m) < 2 else None  # two fields: (0, -error)


class JsonClient:
    """`fmt=3`: an object with `error_code` is an error; numbers and strings as documented."""

    def __init__(self, base: str, apikey: str) -> None:
        self.base, self.apikey = base, apikey

    def _cmd(self, cmd: str, **args: str):
        body = urllib.parse.urlencode({"apikey": self.apikey, "fmt": 3, "charset": "utf-8",
                                       **args}).encode()
        with urllib.request.urlopen(f"{self.base}/sys/{cmd}.php", body, timeout=10) as reply:
            assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
            document = json.loads(reply.read().decode("utf-8"))
        if isinstance(document, dict) and document.get("error_code"):
            raise SmscError(document["error_code"], str(document.get("id", "")))
        return document

    def send(self, phones: str, mes: str, cost: int = 0, **extra: str) -> dict:
        return self._cmd("send", phones=phones, mes=mes, cost=str(cost), **extra)

    def status(self, message_id: int, phone: str, all: int = 0):
        return self._cmd("status", id=str(message_id), phone=phone, all=str(all))

    def balance(self) -> dict:
        return self._cmd("balance", cur="1")


@pytest.fixture
def server():
    state = build_state(None, clock="frozen")
    state.accounts.get("smsc", "demo").api_key = "demo-key"
    with BackgroundServer(state) as server:
        yield server


def advance(server, seconds: int) -> None:
    request = urllib.request.Request(f"{server.url}/__admin/clock", method="POST",
                                     data=json.dumps({"advance": seconds}).encode(),
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()


def test_the_fmt1_client_end_to_end(server):
    smsc = Fmt1Client(server.url, "demo", "demo")
    assert smsc.get_balance() == "1000.00"
    cost, cnt = smsc.get_sms_cost("79001234567", "Ваш код: 1234")
    assert (cost, cnt) == ("1.40", "1")  # the demo prices a part in Russia at 1.40

    message_id, cnt, cost, balance = smsc.send_sms("79001234567", "Ваш код: 1234, не сообщайте")
    assert cnt == "1" and Decimal(balance) == Decimal("1000.00") - Decimal(cost)
    status, changed, err = smsc.get_status(message_id, "79001234567")
    assert (status, err) == ("0", "0")  # handed to the operator

    advance(server, 5)
    full = smsc.get_status(message_id, "79001234567", all=1)
    assert full[0] == "1" and int(full[1]) == int(changed) + 2
    assert full[7] == "Доставлено" and full[8] == "Ваш код: 1234, не сообщайте"
    assert smsc.get_balance() == balance

    with pytest.raises(SmscError) as error:
        smsc.send_sms("123", "x")
    assert error.value.code == 7 and error.value.message_id  # the id is echoed

    long_text = "Длинный текст. " * 150  # over 2000 characters encoded: sent by POST
    message_id, cnt, _, _ = smsc.send_sms("79001234567", long_text)
    assert int(cnt) == -(-len(long_text) // 67)


def test_the_cp1251_fmt1_client(server):
    smsc = Fmt1Client(server.url, "demo", "fe01ce2a7fbac8fafaed7c982a04e229",  # md5("demo")
                      charset="windows-1251")
    message_id, *_ = smsc.send_sms("79001234567", "Привет из windows-1251")
    full = smsc.get_status(message_id, "79001234567", all=1)
    assert full[8] == "Привет из windows-1251"


def test_the_json_client_end_to_end(server):
    smsc = JsonClient(server.url, "demo-key")
    assert smsc.balance() == {"balance": "1000.00", "currency": "RUR"}
    assert smsc.send("79001234567", "price me", cost=1) == {"cost": "1.40", "cnt": 1}

    sent = smsc.send("79001234567,79001234568", "hello", cost=3)
    assert type(sent["id"]) is int and sent["cnt"] == 2
    assert Decimal(sent["balance"]) == Decimal("1000.00") - Decimal(sent["cost"])
    advance(server, 5)
    both = smsc.status(sent["id"], "79001234567,79001234568", all=2)
    assert isinstance(both, list) and [e["status"] for e in both] == [1, 1]
    assert {e["phone"] for e in both} == {"79001234567", "79001234568"}
    one = smsc.status(sent["id"], "79001234568")
    assert one["status"] == 1 and type(one["last_timestamp"]) is int
    assert smsc.balance()["balance"] == sent["balance"]

    with pytest.raises(SmscError) as error:
        smsc.send("79990000009", "to a blacklisted number")
    assert error.value.code == 6

    scheduled = smsc.send("79001234567", "later", time="+60", cost=2)
    assert smsc.status(scheduled["id"], "79001234567")["status"] == -1
    advance(server, 3600 + 2)
    assert smsc.status(scheduled["id"], "79001234567")["status"] == 1
