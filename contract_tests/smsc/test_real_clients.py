"""SMSC as its public clients call it: golden requests written the way those clients send them,
and the replies split the way they split them.

- SMSC's own PHP library (smsc_api.php 3.5): every call is a GET with `fmt=1` and, by default,
  `charset=windows-1251`, its text urlencoded in that charset; replies are `explode(",")`;
  a status with `all=1` is joined again and split into at most 9 fields (a comma in the text
  stays in the text); a status of several ids is split on line breaks.
- The PyPI package `smsc` 0.1.1: `fmt=3`, `cost=2` on send, and every status in the multiple
  form (`id=N,`, `phone=P,`, `all=2`), read as a JSON array.
- Asynchronous scripts on `asks`: `fmt=3`, `{"id", "cnt"}` from send, `status`, `last_date`,
  `last_timestamp` from status."""

from __future__ import annotations

import json
import urllib.parse

import pytest

PHONE = "79991112233"


def php_urlencode(value: str, charset: str = "windows-1251") -> str:
    """PHP's urlencode() of a string held in `charset`."""
    return urllib.parse.quote_plus(value.encode(charset))


def library_query(cmd_args: str, charset: str = "windows-1251") -> str:
    return f"login=demo&psw=demo&fmt=1&charset={charset}&{cmd_args}"


async def php_cmd(client, cmd: str, args: str, charset: str = "windows-1251") -> list[str]:
    response = await client.get(f"/sys/{cmd}.php?{library_query(args, charset)}")
    assert response.status == 200
    body = (await response.read()).decode(charset)
    return body.split("\n" if cmd == "status" and "%2C" in args.split("&id=")[-1] else ",")


async def test_php_library_send_status_balance_in_windows_1251(client, demo):
    text = "Ваш пароль: 123, введите его"
    sent = await php_cmd(client, "send", f"cost=3&phones={PHONE}&mes={php_urlencode(text)}"
                                         "&translit=0&id=0")
    assert sent == ["1", "1", "1.40", "100.50"]
    status = await php_cmd(client, "status", f"phone={PHONE}&id=1&all=0")
    assert len(status) == 3 and status[0] == "0" and int(status[1]) > 0 and status[2] == "0"
    # all=1: count($m) > 9, so the library joins and splits into 9: the text keeps its comma.
    full = ",".join(await php_cmd(client, "status", f"phone={PHONE}&id=1&all=1")).split(",", 8)
    assert full[4:] == [PHONE, "1.40", "SMSC.ru", "Передано оператору", text]
    assert await php_cmd(client, "balance", "") == ["100.50"]


async def test_php_library_error_pairs(client, demo):
    # Errors 6 and 7 carry the message's id: (<id>, -<code>), which the library reports.
    assert await php_cmd(client, "send", "cost=3&phones=12&mes=x&translit=0&id=0") == [
        "1", "-7"]
    assert await php_cmd(client, "send", f"cost=3&phones={PHONE}&mes=x&translit=0&id=0"
                                         "&sender=Unknown") == ["2", "-6"]
    response = await client.get("/sys/balance.php?login=demo&psw=wrong&fmt=1")
    assert (await response.text()) == "0,-2"


async def test_php_library_status_of_several_ids_one_line_each(client, demo):
    for n in (1, 2):
        await php_cmd(client, "send", f"cost=3&phones=7999111223{n}&mes=m{n}&translit=0&id=0")
    lines = await php_cmd(client, "status",
                          f"phone={urllib.parse.quote('79991112231,79991112232')}"
                          f"&id={urllib.parse.quote('1,2')}&all=0")
    rows = [line.split(",") for line in lines]
    assert [(row[0], row[3], row[4]) for row in rows] == [
        ("0", "1", "79991112231"), ("0", "2", "79991112232")]


async def test_pypi_smsc_send_and_balance(client, demo):
    # furl(...).add({"login", "psw", "fmt": 3}).add({"sender": "SMSC.ru"}).add({"cost": 2, ...})
    sent = await (await client.get("/sys/send.php", params={
        "login": "demo", "psw": "demo", "fmt": "3", "sender": "SMSC.ru", "cost": "2",
        "phones": PHONE, "mes": "Hello, World!"})).json(content_type=None)
    assert (sent["id"], int(sent["cnt"]), float(sent["cost"])) == (1, 1, 1.40)
    balance = await (await client.get("/sys/balance.php", params={
        "login": "demo", "psw": "demo", "fmt": "3", "cur": "1"})).json(content_type=None)
    assert float(balance["balance"]) == 100.50 and balance["currency"] == "RUR"


async def test_pypi_smsc_status_in_the_multiple_form_is_an_array(client, demo):
    await client.get("/sys/send.php", params={"login": "demo", "psw": "demo", "fmt": "3",
                                               "phones": PHONE, "mes": "Hello"})
    reply = await client.get("/sys/status.php", params={
        "login": "demo", "psw": "demo", "fmt": "3", "charset": "utf-8", "all": "2",
        "phone": PHONE + ",", "id": "1,"})
    statuses = json.loads(await reply.text())
    assert isinstance(statuses, list) and len(statuses) == 1
    assert statuses[0]["status"] == 0 and statuses[0]["status_name"] == "Передано оператору"
    assert statuses[0]["id"] == 1 and statuses[0]["phone"] == PHONE


@pytest.mark.parametrize("phone", ["+79123456789", "79123456789"])
async def test_asks_scripts_fmt3_send_then_status(client, demo, phone):
    base = {"login": "demo", "psw": "demo", "fmt": "3", "charset": "utf-8"}
    sent = await (await client.get("/sys/send.php", params={
        **base, "phones": phone, "mes": "Внимание"})).json(content_type=None)
    assert set(sent) == {"id", "cnt"} and sent["cnt"] == 1
    status = await (await client.get("/sys/status.php", params={
        **base, "phone": phone, "id": str(sent["id"])})).json(content_type=None)
    assert list(status)[:3] == ["status", "last_date", "last_timestamp"]
    assert not status.get("error")


async def test_pypi_smsc_polls_each_message_in_the_multiple_form_without_error_9(client, demo):
    """The client writes every status request as a list (`id=N,`): a list of one message is
    limited as a request for that message (five a minute), not as a request for several."""
    for phone in (PHONE, "79991112234"):
        await client.get("/sys/send.php", params={"login": "demo", "psw": "demo", "fmt": "3",
                                                   "phones": phone, "mes": "Hello"})
    polls = [(PHONE, "1"), ("79991112234", "2"), (PHONE, "1")]
    for phone, message_id in polls:
        reply = await client.get("/sys/status.php", params={
            "login": "demo", "psw": "demo", "fmt": "3", "charset": "utf-8", "all": "2",
            "phone": phone + ",", "id": message_id + ","})
        statuses = json.loads(await reply.text())
        assert isinstance(statuses, list), statuses
        assert statuses[0]["id"] == int(message_id)
    several = {"login": "demo", "psw": "demo", "fmt": "3", "phone": f"{PHONE},79991112234",
               "id": "1,2"}
    assert isinstance(json.loads(await (await client.get("/sys/status.php",
                                                          params=several)).text()), list)
    again = json.loads(await (await client.get("/sys/status.php", params=several)).text())
    assert again["error_code"] == 9  # two requests for several messages within a minute
