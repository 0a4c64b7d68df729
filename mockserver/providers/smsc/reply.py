"""The HTTP reply of every SMSC path, and the two replies all paths share: an error and "OK".

Always 200 (SMSC answers errors with 200 too), a Content-Length and no chunking (old PHP clients
read the raw socket), no trailing newline, the body encoded in the request's charset and
labelled with it (captured: `application/json; charset=windows-1251`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .charset import DEFAULT, Charset
from .errors import ErrorEntry, SmscError
from .formats import CONTENT_TYPES, Fmt, numeric_id
from .layout import element, json_document, record, xml_document


@dataclass(slots=True)
class ReplyShape:
    """How the reply is written; known in full once the request's parameters are read."""

    fmt: Fmt = Fmt.TEXT
    charset: Charset = DEFAULT


def respond(text: str, shape: ReplyShape) -> web.Response:
    body = text.encode(shape.charset.codec, errors="replace")
    return web.Response(body=body, content_type=CONTENT_TYPES[shape.fmt],
                        charset=shape.charset.label)


def error_text(refusal: SmscError, fmt: Fmt) -> str:
    """`ERROR = N (description)`, `0,-N`, the XML and the JSON form; with the message id where
    the path echoes it (send.php 3, 6, 7, 8)."""
    entry: ErrorEntry = refusal.error.value
    shown = refusal.message_id if entry.echoes_id else ""
    if fmt is Fmt.TEXT:
        return f"ERROR = {entry.code} ({entry.description})" + (f", ID - {shown}" if shown else "")
    if fmt is Fmt.NUMBERS:
        return f"{shown or 0},-{entry.code}"
    pairs: list[tuple[str, Any]] = [("error", entry.description), ("error_code", entry.code)]
    if shown:
        pairs.append(("id", numeric_id(shown)))
    if fmt is Fmt.XML:
        return xml_document(record("result", pairs))
    return json_document(dict(pairs))


def ok_text(fmt: Fmt) -> str:
    """A change that worked (senders.php chg/del/send_code/check_code, status.php del)."""
    if fmt is Fmt.XML:
        return xml_document(element("result", "OK"))
    if fmt is Fmt.JSON:
        return json_document({"result": "OK"})
    return "OK"
