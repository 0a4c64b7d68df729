"""IntelTele's wire: its parameters in, its JSON replies and words out."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from aiohttp import web

from ...core.billing import ANY_OPERATOR, RateCard
from ...core.messages import Message, Status
from ...core.sending import RecipientResult
from .errors import NUMBER_ERRORS, AccountError, NumberError, SendError

DEFAULT_SENDER = "IntelTele.com"
MAX_MESSAGE_CHARS = 1000
TTL_MIN, TTL_MAX, TTL_DEFAULT = 15, 86400, 15
MAX_SMS_PARTS = 7
# At most 11 Latin letters, digits and "._-", or at most 15 digits.
SMS_SOURCE = re.compile(r"[A-Za-z0-9._-]{1,11}|[0-9]{1,15}")

# Canonical status -> IntelTele's word: the document's report words, and "sent" while in flight.
STATUS_WORDS = {
    Status.QUEUED: "sent",
    Status.SENT: "sent",
    Status.DELIVERED: "delivrd",
    Status.READ: "delivrd",
    Status.UNDELIVERED: "undeliv",
    Status.EXPIRED: "expired",
    Status.REJECTED: "rejectd",
    Status.DELETED: "deleted",
    Status.UNKNOWN: "unknown",
}
UNKNOWN_MESSAGE = "error: message not found"

# timeformat -> strftime pattern, as the document's example reply writes dates.
TIME_FORMATS = {"datetime": "%d-%m-%Y %H:%M:%S", "date": "%d-%m-%Y", "time": "%H:%M:%S"}
REPORT_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def money(amount: Decimal) -> str:
    """Costs as IntelTele writes them: six decimals ("0.200000")."""
    return f"{amount:.6f}"


def _json(document: Any) -> web.Response:
    return web.Response(text=json.dumps(document), content_type="application/json")


def send_error(error: SendError) -> web.Response:
    return _json({"reply": [{"status": error.value}]})


def account_error(error: AccountError) -> web.Response:
    key, text = error.value
    return _json({key: text, "error": True})


def recipient_entry(result: RecipientResult) -> dict[str, str]:
    phone = result.recipient.phone
    if result.refusal is not None:
        error = NUMBER_ERRORS[result.refusal]
        entry = {"number": phone, "status": error.value}
        if error is NumberError.LOW_BALANCE and result.cost is not None:
            entry["cost"] = money(result.cost)
        return entry
    message, info = result.message, result.phone_info
    assert message is not None and info is not None and result.cost is not None
    return {"status": "OK", "cost": money(result.cost), "country": info.country,
            "mcc": info.mcc, "number": phone, "message_id": message.provider_ids["message_id"]}


# An accepted recipient's entry exactly as json.dumps writes it, for values it writes as is.
_ACCEPTED_ENTRY = ('{{"status": "OK", "cost": "{}", "country": "{}", "mcc": "{}", '
                   '"number": "{}", "message_id": "{}"}}')


def _entry_text(result: RecipientResult) -> str:
    message, info, phone = result.message, result.phone_info, result.recipient.phone
    if (result.refusal is None and message is not None and info is not None
            and result.cost is not None and phone.isascii() and phone.isdigit()):
        # Digits, the analysis's own codes, a formatted amount and a hex id: nothing to escape.
        return _ACCEPTED_ENTRY.format(money(result.cost), info.country, info.mcc, phone,
                                      message.provider_ids["message_id"])
    return json.dumps(recipient_entry(result))


def send_reply(results: Iterable[RecipientResult]) -> web.Response:
    entries = ", ".join(_entry_text(result) for result in results)
    return web.Response(text=f'{{"reply": [{entries}]}}', content_type="application/json")


def zone_named(name: str) -> ZoneInfo | None:
    """A time zone by its tz name; `utc` in any case is UTC."""
    if name.strip().upper() == "UTC":
        return ZoneInfo("UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def status_entry(message: Message | None, timeformat: str | None, zone: ZoneInfo,
                 zone_name: str) -> dict[str, str]:
    if message is None:
        return {"status": UNKNOWN_MESSAGE}
    entry: dict[str, str] = {}
    if timeformat is not None:
        entry["date"] = message.changed_at.astimezone(zone).strftime(TIME_FORMATS[timeformat])
    entry["status"] = STATUS_WORDS[message.status]
    entry["time_zone"] = zone_name
    return entry


def status_reply(entries: dict[str, dict[str, str]]) -> web.Response:
    return _json(entries)


def balance_reply(balance: Decimal) -> web.Response:
    return _json({"balance": f"{balance:.2f}"})


def credit_reply(credit: Decimal) -> web.Response:
    return _json({"credit": f"{credit:.2f}"})


def _operator_order(mnc: str) -> tuple[bool, str]:
    # The document's order: each operator by its MNC, then "" (every other operator).
    return (mnc == ANY_OPERATOR, mnc)


def rates_reply(card: RateCard, channel: str, routes_to: Callable[[str], bool]
                ) -> web.Response:
    """{"user": {country: {mnc: [price per part, 0]}}} for the countries the account's routes
    allow; 0 = every part is charged."""
    countries = card.prices.get(channel, {})
    document = {
        country: {mnc: [float(operators[mnc]), 0]
                  for mnc in sorted(operators, key=_operator_order)}
        for country, operators in countries.items() if routes_to(country)
    }
    return _json({"user": document})


def delivery_report(message: Message, at: datetime) -> dict[str, str]:
    return {"msgid": message.provider_ids["message_id"], "status": STATUS_WORDS[message.status],
            "datetime": at.strftime(REPORT_TIME_FORMAT)}
