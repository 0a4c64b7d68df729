"""What the inbox shows of a message: the control plane's view plus the violations of the
request that created it, and, in detail, that request and its reply decoded and the delivery
reports pushed for it."""

from __future__ import annotations

import codecs
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes

from ..admin.views import journal_view, message_view
from ..core.clock import format_instant
from ..core.journal import JournalEntry, violation_mapping
from ..core.messages import Message
from ..core.state import MockState
from .files import files_view
from .links import RequestLinks

# When a request names no charset and is not UTF-8, it is the Cyrillic charset clients of
# these gateways send (SMSC's default).
FALLBACK_CHARSET = "windows-1251"


def violations_of(entry: JournalEntry | None) -> list[dict[str, Any]]:
    if entry is None:
        return []
    at = format_instant(entry.at)
    return [violation_mapping(entry, v) | {"at": at} for v in entry.violations]


def inbox_view(message: Message, links: RequestLinks) -> dict[str, Any]:
    view = message_view(message)
    entry = links.entry_of(message.id)
    view["request_id"] = entry.id if entry is not None else None
    view["violations"] = violations_of(entry)
    if message.meta.get("files"):
        view["files"] = files_view(message)
    return view


def entry_event(entry: JournalEntry, messages: list[Message]) -> dict[str, Any]:
    """A journaled request with violations, as the live feed announces it."""
    return {"request_id": entry.id, "provider": entry.provider, "path": entry.path,
            "message_ids": [message.id for message in messages],
            "violations": violations_of(entry)}


def _form_like(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and not stripped.startswith(("{", "<", "[")) and "=" in stripped


def request_charset(entry: JournalEntry) -> str:
    """The charset the request's text was sent in: the one its `charset` parameter names,
    else UTF-8 where the bytes are UTF-8, else the Cyrillic fallback."""
    sources = [entry.query] + ([entry.body] if _form_like(entry.body) else [])
    raw = b"&".join(unquote_to_bytes(source.replace("+", " ")) for source in sources)
    for source in sources:
        for name, value in parse_qsl(source, keep_blank_values=True, encoding="latin-1"):
            if name == "charset" and value:
                try:
                    codecs.lookup(value.strip())
                except LookupError:
                    break
                return value.strip().lower()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return FALLBACK_CHARSET
    return "utf-8"


def request_view(entry: JournalEntry) -> dict[str, Any]:
    """The journal entry with its parameters decoded in the request's charset."""
    charset = request_charset(entry)
    params = parse_qsl(entry.query, keep_blank_values=True, encoding=charset, errors="replace")
    if _form_like(entry.body):
        params += parse_qsl(entry.body.strip(), keep_blank_values=True, encoding=charset,
                            errors="replace")
    return journal_view(entry) | {"charset": charset,
                                  "params": [[name, value] for name, value in params]}


def message_detail(state: MockState, links: RequestLinks, message: Message) -> dict[str, Any]:
    entry = links.entry_of(message.id)
    return {
        "message": inbox_view(message, links),
        "request": request_view(entry) if entry is not None else None,
        "webhooks": [webhook.to_mapping() for webhook in state.callbacks.log.values()
                     if webhook.message_id == message.id],
    }
