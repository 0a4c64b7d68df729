"""status.php replies: one message, or several (an `id` list, even of one with a trailing comma),
with `all=0|1|2`, in the four formats.

fmt=1 keeps every numeric field ahead of the texts and the message text last, so that a text with
commas still parses (the official libraries re-split the line with a limit, message last):
  all=0  <status>,<last_timestamp>,<err>                      (+ ,<id>,<phone> when several)
  all=1  <status>,<last_timestamp>,<err>[,<id>],<send_timestamp>,<phone>,<cost>,<sender>,
         <status_name>,<message>
  all=2  as all=1 with <country>,<operator>,<region> before <send_timestamp>
A message that is not found is status -3: `-3,0,0` in fmt=1, `{"status": -3}` in JSON.
Dates are the account's local time as DD.MM.YYYY hh:mm:ss, timestamps Unix seconds, both from
the mock clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from ...core.messages import Message
from .formats import Fmt, numeric_id, plain
from .kinds import HLR_FIELDS, HLR_TYPE, hlr_fields, type_code
from .layout import json_document, parent, record, xml_document
from .statuses import NOT_FOUND, STATUS_NAMES, smsc_status

DATE_FORMAT = "%d.%m.%Y %H:%M:%S"
COUNTRY_NAMES = {"ru": "Россия", "ua": "Украина", "kz": "Казахстан", "by": "Беларусь"}
OPERATOR_NAMES = {("ru", "01"): "МТС", ("ru", "02"): "МегаФон", ("ru", "99"): "Билайн",
                  ("ru", "20"): "Tele2", ("ua", "01"): "Vodafone", ("ua", "03"): "Киевстар",
                  ("ua", "06"): "lifecell"}
# fmt=0 shows these keys, by these names (the document's `Status = 1, check_time = ...`).
TEXT_LABELS = {"status": "Status", "last_date": "check_time", "err": "err",
               "send_date": "send_date", "phone": "phone", "cost": "cost",
               "sender_id": "sender_id", "status_name": "status_name", "country": "country",
               "operator": "operator", "region": "region", "message": "message",
               "comment": "comment", "type": "type", "id": "id",
               **{name: name for name in HLR_FIELDS}}


@dataclass(frozen=True, slots=True)
class StatusQuery:
    message_id: str
    phone: str
    message: Message | None  # None: not found (or deleted)


def _date(moment: datetime, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime(DATE_FORMAT)


def _fields(query: StatusQuery, detail: int, zone: tzinfo) -> dict[str, Any]:
    """Every field SMSC shows for a message, by its JSON name."""
    message = query.message
    status = smsc_status(message.status, message.virtual) if message else None
    if message is None or status is None or status.code == NOT_FOUND:
        return {"status": NOT_FOUND}
    attempt = message.current or message.channels[0]
    kind = type_code(message)
    fields: dict[str, Any] = {
        "status": status.code, "last_date": _date(message.changed_at, zone),
        "last_timestamp": int(message.changed_at.timestamp()), "flag": kind, "err": status.err}
    if detail >= 1:
        sent = attempt.started_at or message.scheduled_at or message.created_at
        fields |= {
            "send_date": _date(sent, zone), "send_timestamp": int(sent.timestamp()),
            "phone": message.phone, "cost": message.cost, "sender_id": attempt.sender,
            "status_name": STATUS_NAMES[status.code], "message": attempt.text,
            "comment": message.meta.get("comment", ""), "type": kind, "sms_cnt": attempt.parts}
    if detail >= 2:
        fields |= {"country": COUNTRY_NAMES.get(message.country, message.country.upper()),
                   "operator": OPERATOR_NAMES.get((message.country, message.mnc), ""),
                   "region": "", "mccmnc": message.mcc + message.mnc}
    if kind == HLR_TYPE and status.code == 1:  # the lookup answered
        fields |= hlr_fields(message, COUNTRY_NAMES.get(message.country, message.country),
                             OPERATOR_NAMES.get((message.country, message.mnc), ""))
    return fields


def _numbers_line(fields: dict[str, Any], query: StatusQuery, detail: int, several: bool
                  ) -> str:
    head = [fields["status"], fields.get("last_timestamp", 0), fields.get("err", 0)]
    if "phone" not in fields or detail == 0:
        tail = [query.message_id, query.phone] if several else []
        return ",".join(plain(v) for v in head + tail)
    middle = [query.message_id] if several else []
    if detail >= 2:
        middle += [fields["country"], fields["operator"], fields["region"]]
    texts = [fields["send_timestamp"], fields["phone"], fields["cost"], fields["sender_id"],
             fields["status_name"], fields["message"]]
    return ",".join(plain(v) for v in head + middle + texts)


def _with_ids(fields: dict[str, Any], query: StatusQuery) -> dict[str, Any]:
    return fields | {"id": numeric_id(query.message_id),
                     "phone": fields.get("phone", query.phone)}


def _text_line(fields: dict[str, Any]) -> str:
    return ", ".join(f"{TEXT_LABELS[key]} = {plain(value)}" for key, value in fields.items()
                     if key in TEXT_LABELS)


def status_text(queries: list[StatusQuery], detail: int, several: bool, fmt: Fmt,
                zone: tzinfo) -> str:
    rows = [(query, _fields(query, detail, zone)) for query in queries]
    if fmt is Fmt.NUMBERS:
        return "\n".join(_numbers_line(fields, query, detail, several) for query, fields in rows)
    if several:
        rows = [(query, _with_ids(fields, query)) for query, fields in rows]
    if fmt is Fmt.TEXT:
        return "\n".join(_text_line(fields) for _, fields in rows)
    if fmt is Fmt.XML:
        elements = [record("sms", fields.items()) for _, fields in rows]
        return xml_document(parent("list", elements) if several else elements[0])
    objects = [fields for _, fields in rows]
    return json_document(objects if several else objects[0])
