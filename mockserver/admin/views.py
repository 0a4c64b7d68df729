"""Core objects as the control plane shows them (plain JSON-ready mappings)."""

from __future__ import annotations

from typing import Any

from ..core.clock import format_instant
from ..core.codes import extract_codes
from ..core.journal import JournalEntry, violation_mapping
from ..core.messages import ChannelAttempt, Message


def _instant(value) -> str | None:
    return format_instant(value) if value is not None else None


def attempt_view(attempt: ChannelAttempt) -> dict[str, Any]:
    return {
        "channel": str(attempt.channel), "order": attempt.order, "sender": attempt.sender,
        "text": attempt.text, "button_text": attempt.button_text,
        "button_url": attempt.button_url, "image_url": attempt.image_url,
        "template_id": attempt.template_id, "template_data": attempt.template_data,
        "ttl_s": attempt.ttl_s, "parts": attempt.parts,
        "cost": str(attempt.cost) if attempt.cost is not None else None,
        "provider_id": attempt.provider_id,
        "status": str(attempt.status) if attempt.status is not None else None,
        "history": [{"status": str(c.status), "at": format_instant(c.at)}
                    for c in attempt.history],
    }


def message_view(message: Message) -> dict[str, Any]:
    return {
        "id": message.id, "provider": message.provider, "login": message.login,
        "phone": message.phone, "country": message.country, "mcc": message.mcc,
        "mnc": message.mnc, "provider_ids": dict(message.provider_ids),
        "client_id": message.client_id, "name_delivery": message.name_delivery,
        "created_at": format_instant(message.created_at),
        "scheduled_at": _instant(message.scheduled_at),
        "status": str(message.status), "cost": str(message.cost),
        "finale_read": message.finale_read, "virtual": message.virtual,
        "meta": message.meta,
        "channels": [attempt_view(attempt) for attempt in message.channels],
        "codes": message_codes(message),
    }


def message_codes(message: Message) -> list[str]:
    """The one-time codes in the message's texts, channel by channel, each once."""
    codes = [code for attempt in message.channels for code in extract_codes(attempt.text)]
    return list(dict.fromkeys(codes))


def journal_view(entry: JournalEntry) -> dict[str, Any]:
    return {
        "id": entry.id, "at": format_instant(entry.at), "provider": entry.provider,
        "login": entry.login, "method": entry.method, "path": entry.path, "query": entry.query,
        "body": entry.body,
        "remote": entry.remote, "status": entry.status, "reply": entry.reply,
        "violations": [violation_mapping(entry, v) | {"at": format_instant(entry.at)}
                       for v in entry.violations],
    }
