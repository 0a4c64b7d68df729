"""/sys/get.php: the account's data.

get_messages  the sent messages, newest first, with start/end (DD.MM.YYYY, the account's
              zone), phone and email (lists), cnt (at most 1000) and prev_id (older than
              that id) for paging; none found is error 3, which clients read as an empty list
get_answers   incoming messages, oldest first: hour (1..168), after_id (paging), to_phone,
              cnt (at most 10000); none is an empty list
get_stat      sending figures per day between start and end
get_price     the account's rates, as `zones`
get_mega_accounts  MegaFon sub-accounts: the mock has none (error 3)"""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from ...core.messages import Message
from .call_errors import GetError
from .calls import ApiCall, Row, command, endpoint, rows_text
from .errors import SmscError
from .formats import Fmt
from .layout import json_document
from .send import normalize_phone
from .status_view import DATE_FORMAT, StatusQuery
from .status_view import _fields as status_fields

COMMANDS = ("get_messages", "get_answers", "get_stat", "get_price", "get_mega_accounts")
MAX_HISTORY = 1000
DEFAULT_HISTORY = 100
MAX_ANSWERS = 10_000
MAX_HOURS = 168
DAY_FORMAT = "%d.%m.%Y"


def _count(call: ApiCall, default: int, most: int) -> int:
    raw = call.text("cnt")
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= most:
        call.warn("cnt_out_of_range", "cnt", f"cnt is 1..{most}; got {raw!r}")
        raise SmscError(GetError.PARAMETERS)
    return int(raw)


def _day(call: ApiCall, name: str, zone: tzinfo) -> datetime | None:
    raw = call.text(name)
    if not raw:
        return None
    try:
        day = datetime.strptime(raw, DAY_FORMAT).date()
    except ValueError:
        call.warn("date_format", name, f"{name} is DD.MM.YYYY; got {raw!r}")
        raise SmscError(GetError.PARAMETERS) from None
    return datetime.combine(day, time(), zone)


def _period(call: ApiCall) -> tuple[datetime | None, datetime | None]:
    zone = call.account.zone
    start, end = _day(call, "start", zone), _day(call, "end", zone)
    return start, (end + timedelta(days=1) if end else None)


def _sent(call: ApiCall) -> list[Message]:
    login = call.account.login
    return [m for m in call.state.messages if m.provider == "smsc" and m.login == login
            and m.provider_ids.get("id")]


def _history_row(call: ApiCall, message: Message) -> Row:
    message_id = message.provider_ids["id"]
    fields = status_fields(StatusQuery(message_id, message.phone, message), 2,
                           call.account.zone)
    text = fields.pop("message", "")
    return [("id", int(message_id) if message_id.isdigit() else message_id),
            *fields.items(), ("message", text)]


def _messages(call: ApiCall) -> str:
    start, end = _period(call)
    phones = {normalize_phone(p) for p in call.text("phone").split(",") if p.strip()}
    phones |= {e.strip() for e in call.text("email").split(",") if e.strip()}
    prev = call.text("prev_id")
    count = _count(call, DEFAULT_HISTORY, MAX_HISTORY)
    found = []
    for message in reversed(_sent(call)):
        number = message.provider_ids["id"]
        if prev and not (number.isdigit() and prev.isdigit() and int(number) < int(prev)):
            continue
        if phones and message.phone not in phones:
            continue
        if (start and message.created_at < start) or (end and message.created_at >= end):
            continue
        found.append(_history_row(call, message))
        if len(found) >= count:
            break
    if not found:
        raise SmscError(GetError.NOT_FOUND)
    return rows_text(found, call.fmt, "sms")


def _answers(call: ApiCall) -> str:
    hour, after, to_phone = call.text("hour"), call.text("after_id"), call.text("to_phone")
    if hour and (not hour.isdigit() or not 1 <= int(hour) <= MAX_HOURS):
        call.warn("hour_out_of_range", "hour", f"hour is 1..{MAX_HOURS}; got {hour!r}")
        raise SmscError(GetError.PARAMETERS)
    if after and not after.isdigit():
        raise SmscError(GetError.PARAMETERS)
    count = _count(call, MAX_ANSWERS, MAX_ANSWERS)
    now, zone = call.state.clock.now(), call.account.zone
    since = now - timedelta(hours=int(hour or MAX_HOURS))
    rows = []
    for answer in call.state.inbound.of("smsc", call.account.login):
        if answer.received_at < since or (after and answer.id <= int(after)):
            continue
        if to_phone and answer.to != normalize_phone(to_phone):
            continue
        rows.append([("id", answer.id),
                     ("received", answer.received_at.astimezone(zone).strftime(DATE_FORMAT)),
                     ("phone", answer.phone), ("to_phone", answer.to),
                     ("sent", int(answer.received_at.timestamp())), ("message", answer.text)])
        if len(rows) >= count:
            break
    return rows_text(rows, call.fmt, "sms")


def _stat(call: ApiCall) -> str:
    start, end = _period(call)
    zone = call.account.zone
    days: dict[str, list[Any]] = {}
    for message in _sent(call):
        if (start and message.created_at < start) or (end and message.created_at >= end):
            continue
        day = message.created_at.astimezone(zone).strftime(DAY_FORMAT)
        figures = days.setdefault(day, [0, 0, 0])
        figures[0] += 1
        figures[1] += sum(a.parts for a in message.channels if a.started)
        figures[2] += message.cost
    rows = [[("date", day), ("cnt", n), ("sms_cnt", parts), ("cost", cost)]
            for day, (n, parts, cost) in days.items()]
    return rows_text(rows, call.fmt, "stat")


def _price(call: ApiCall) -> str:
    rates = call.state.pricing.rates_for(call.account)
    rows = [[("channel", channel), ("country", country), ("mnc", mnc), ("cost", price)]
            for channel, countries in rates.prices.items()
            for country, operators in countries.items() for mnc, price in operators.items()]
    if call.fmt is Fmt.JSON:
        return json_document({"zones": [dict(row) for row in rows]})
    return rows_text(rows, call.fmt, "zone")


def handle(call: ApiCall) -> str:
    which = command(call, COMMANDS)
    if which == "get_messages":
        return _messages(call)
    if which == "get_answers":
        return _answers(call)
    if which == "get_stat":
        return _stat(call)
    if which == "get_price":
        return _price(call)
    raise SmscError(GetError.NOT_FOUND)  # get_mega_accounts: none in the mock


get_data = endpoint(GetError, handle)
