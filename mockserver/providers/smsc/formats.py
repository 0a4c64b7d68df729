"""SMSC's four reply formats (`fmt`): 0 text, 1 comma-separated numbers, 2 XML, 3 JSON.

The building blocks every path renders with, the error reply of every path, and the HTTP
response itself: always 200 (SMSC answers errors with 200 too), a Content-Length and no chunking
(old PHP clients read the raw socket), no trailing newline, the body encoded in the request's
charset and labelled with it (captured: `application/json; charset=windows-1251`).

JSON and XML are laid out as SMSC's replies are: one member or element a line,
`{\n"id": 33,\n"cnt": 1\n}` byte for byte."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum, IntEnum
from typing import Any
from xml.sax.saxutils import escape

from aiohttp import web

from .charset import DEFAULT, Charset
from .errors import ErrorEntry


class Fmt(IntEnum):
    TEXT = 0
    NUMBERS = 1
    XML = 2
    JSON = 3


CONTENT_TYPES = {Fmt.TEXT: "text/plain", Fmt.NUMBERS: "text/plain", Fmt.XML: "text/xml",
                 Fmt.JSON: "application/json"}
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CENT = Decimal("0.01")


def fmt_of(params: Mapping[str, str]) -> Fmt:
    """The requested format; anything but 0..3 gets the default text format."""
    try:
        return Fmt(int(params.get("fmt", "0").strip() or "0"))
    except ValueError:
        return Fmt.TEXT


def money(amount: Decimal) -> str:
    """Two decimals as SMSC writes amounts ("1.40", "178.10"), more only when the exact amount
    needs them, so that a cost always adds up to what the balance lost."""
    if amount == amount.quantize(_CENT):
        return str(amount.quantize(_CENT))
    return format(amount.normalize(), "f")


def numeric_id(value: str) -> int | str:
    """Message ids are JSON numbers; a client's own id of letters stays a string."""
    return int(value) if value.isdigit() else value


# --- building blocks --------------------------------------------------------------------------
Pairs = Iterable[tuple[str, Any]]


class Raw(str):
    """A value already rendered in the reply's format (a nested list), placed as it is."""


def _json_value(value: Any) -> str:
    if isinstance(value, Raw):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        value = money(value)
    return json.dumps(str(value), ensure_ascii=False)


def json_object(pairs: Pairs) -> str:
    return "{\n" + ",\n".join(f'"{key}": {_json_value(value)}' for key, value in pairs) + "\n}"


def json_array(objects: Iterable[str]) -> str:
    return "[" + ",\n".join(objects) + "]"


def xml_text(value: Any) -> str:
    if isinstance(value, Decimal):
        value = money(value)
    return escape(_XML_FORBIDDEN.sub("", str(value)))


def xml_attribute(value: Any) -> str:
    return xml_text(value).replace('"', "&quot;")


def _xml_child(key: str, value: Any) -> str:
    if isinstance(value, Raw):
        return f"<{key}>\n{value}\n</{key}>"
    return f"<{key}>{xml_text(value)}</{key}>"


def xml_element(tag: str, pairs: Pairs) -> str:
    children = "\n".join(_xml_child(key, value) for key, value in pairs)
    return f"<{tag}>\n{children}\n</{tag}>"


def plain(value: Any) -> str:
    """A value in a text or comma-separated reply."""
    return money(value) if isinstance(value, Decimal) else str(value)


def ok_text(fmt: Fmt) -> str:
    """A change that worked (senders.php chg/del/send_code/check_code, status.php del)."""
    if fmt is Fmt.XML:
        return "<result>OK</result>"
    if fmt is Fmt.JSON:
        return json_object([("result", "OK")])
    return "OK"


# --- errors -----------------------------------------------------------------------------------
def error_text(error: Enum, fmt: Fmt, message_id: str = "") -> str:
    """`ERROR = N (description)`, `0,-N`, the XML and the JSON form; with the message id where
    the path echoes it (send.php 3, 6, 7, 8)."""
    entry: ErrorEntry = error.value
    shown = message_id if entry.echoes_id and message_id else ""
    if fmt is Fmt.TEXT:
        return f"ERROR = {entry.code} ({entry.description})" + (f", ID - {shown}" if shown else "")
    if fmt is Fmt.NUMBERS:
        return f"{shown or 0},-{entry.code}"
    pairs: list[tuple[str, Any]] = [("error", entry.description), ("error_code", entry.code)]
    if shown:
        pairs.append(("id", numeric_id(shown)))
    if fmt is Fmt.XML:
        return xml_element("result", pairs)
    return json_object(pairs)


# --- the response -----------------------------------------------------------------------------
def respond(text: str, fmt: Fmt, charset: Charset = DEFAULT) -> web.Response:
    body = text.encode(charset.codec, errors="replace")
    content_type = f"{CONTENT_TYPES[fmt]}; charset={charset.label}"
    return web.Response(body=body, headers={"Content-Type": content_type})


def error_reply(error: Enum, fmt: Fmt, charset: Charset = DEFAULT,
                message_id: str = "") -> web.Response:
    return respond(error_text(error, fmt, message_id), fmt, charset)
