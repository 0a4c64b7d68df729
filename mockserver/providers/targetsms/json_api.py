"""The JSON wire (sendmessagejson.php): a JSON document in, a JSON document out.

Every value in a reply is a string, and the reply is spelled as PHP's json_encode spells it
(\\uXXXX escapes, "\\/"), since the platform is PHP; a client decodes either spelling the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from aiohttp import web

from .. import json_depth
from .errors import Refused, TargetError
from .fields import MESSAGE_FIELDS, Abonent, DocumentRequest, MessageFields
from .replies import MessageReply, PhoneOutcome, StateRow


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN and Infinity, which PHP refuses too


def parse(body: bytes) -> DocumentRequest:
    """The request a JSON document holds; raises `Refused` when it holds none."""
    if not body.strip():
        raise Refused(TargetError.NO_POST_DATA)
    try:
        document = json_depth.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(TargetError.BAD_JSON) from exc
    if not isinstance(document, dict):
        raise Refused(TargetError.BAD_JSON)
    request = DocumentRequest(_scalar(document.get("login")), _scalar(document.get("password")))
    messages, state = document.get("message"), document.get("state")
    if messages is not None:
        if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
            raise Refused(TargetError.BAD_JSON)
        request.messages = [_message(message) for message in messages]
    if state is not None:
        if not isinstance(state, list):
            raise Refused(TargetError.BAD_JSON)
        request.state_ids = [_scalar(item.get("id_message") if isinstance(item, dict) else item)
                             for item in state]
    return request


def _scalar(value: Any) -> str:
    """A field's value as text, the way PHP would read it from json_decode."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return ""  # null, or a list or object where text belongs


def _abonent(item: Any) -> Abonent:
    if isinstance(item, dict):
        return Abonent(_scalar(item.get("phone")), _scalar(item.get("client_id_message")))
    return Abonent(_scalar(item))


def _message(raw: dict[str, Any]) -> MessageFields:
    phones = raw.get("phones")
    return MessageFields(
        values={name: _scalar(raw[name]) for name in MESSAGE_FIELDS if name in raw},
        abonents=[_abonent(item) for item in phones] if isinstance(phones, list) else [],
        template_data=raw.get("templateData"),
    )


def _reply(document: Any) -> web.Response:
    body = json.dumps(document, separators=(",", ":")).replace("/", "\\/")
    return web.Response(text=body, content_type="application/json", charset="utf-8")


def error(error: TargetError) -> web.Response:
    return _reply({"error": error.value})


def _phone_entry(outcome: PhoneOutcome) -> dict[str, str]:
    if outcome.error is not None:
        return {"client_id_message": outcome.client_id, "phone": outcome.phone,
                "error": outcome.error.value}
    return {"id_message": outcome.id_message, "client_id_message": outcome.client_id,
            "phone": outcome.phone, "count_message": outcome.count_message,
            **outcome.channel_ids()}


def send_reply(messages: Iterable[MessageReply]) -> web.Response:
    """{"message": [...]}: per message a list of per-phone entries, or {"error": text}."""
    return _reply({"message": [
        {"error": message.error.value} if message.error is not None
        else [_phone_entry(outcome) for outcome in message.outcomes]
        for message in messages
    ]})


def state_reply(rows: Iterable[StateRow]) -> web.Response:
    return _reply({"state": [asdict(row) for row in rows]})
