"""Calling SMSC's paths the way its clients do: parameters encoded in the request's charset, the
reply decoded with the charset its Content-Type names."""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from typing import Any

DEMO = {"login": "demo", "psw": "demo"}
CODECS = {"windows-1251": "cp1251", "utf-8": "utf-8", "koi8-r": "koi8_r"}


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str  # e.g. "application/json"
    charset: str  # the label the reply's Content-Type carries
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode(CODECS[self.charset])

    def json(self) -> Any:
        return json.loads(self.text)


def encode(params: dict[str, str], charset: str = "windows-1251") -> str:
    return urllib.parse.urlencode(params, encoding=CODECS[charset])


async def smsc(client, path: str, params: dict[str, Any] | None = None, *, method: str = "GET",
               auth: bool = True, charset: str | None = None,
               headers: dict[str, str] | None = None) -> Reply:
    """One request; `charset` also names how the parameters are encoded (SMSC's default,
    windows-1251, when it is None)."""
    params = {k: str(v) for k, v in (params or {}).items()}
    if auth:
        params = {**DEMO, **params}
    if charset is not None:
        params.setdefault("charset", charset)
    query = encode(params, charset or "windows-1251")
    url = f"/sys/{path}.php"
    if method == "GET":
        response = await client.get(f"{url}?{query}", headers=headers)
    else:
        response = await client.post(url, data=query.encode("ascii"), headers={
            "Content-Type": "application/x-www-form-urlencoded", **(headers or {})})
    body = await response.read()
    content_type, _, rest = response.headers["Content-Type"].partition(";")
    label = rest.strip().removeprefix("charset=")
    return Reply(response.status, content_type.strip(), label, body)


async def violation_rules(client) -> list[str]:
    """The rules the journal found broken so far, from the control plane."""
    response = await client.get("/__admin/violations")
    return [v["rule"] for v in (await response.json())["violations"]]


async def admin_messages(client, **query: str) -> list[dict[str, Any]]:
    response = await client.get("/__admin/messages", params=query)
    return (await response.json())["messages"]


def documented_error(code: int, text: str, fmt: str, message_id: str = "") -> str:
    """An error reply as the document writes it for each `fmt`, with the id where echoed."""
    if fmt == "0":
        return f"ERROR = {code} ({text})" + (f", ID - {message_id}" if message_id else "")
    if fmt == "1":
        return f"{message_id or 0},-{code}"
    if fmt == "2":
        tail = f"\n<id>{message_id}</id>" if message_id else ""
        return f"<result>\n<error>{text}</error>\n<error_code>{code}</error_code>{tail}\n</result>"
    tail = f',\n"id": {message_id}' if message_id else ""
    return f'{{\n"error": "{text}",\n"error_code": {code}{tail}\n}}'


async def lock_out(client, path: str, address: str) -> dict[str, str]:
    """Ten failed logins from `address` lock it out; returns the headers that play it."""
    headers = {"X-Forwarded-For": address}
    for _ in range(10):
        await smsc(client, path, {"login": "demo", "psw": "wrong"}, auth=False, headers=headers)
    return headers
