"""senders.php replies: the list (all=0|1, operators=1) and a new name's id, in the four
formats, as the document writes them.

Per-operator statuses and substitute names of `operators=1` come from an entry's `operators`
and `substitutes` mappings (fixtures or the control plane), defaulting from the name's status.
A substitute follows the field it stands for as `<field>_sub`; fmt=1 carries none, as the
document includes substitutes only for fmt 0, 2 and 3."""

from __future__ import annotations

from typing import Any

from ...core.accounts import SenderId
from .formats import Fmt
from .layout import element, json_document, parent, record, xml_document
from .statuses import SENDER_ACTIVE, SENDER_DISABLED, sender_status_code

# The operator fields of `operators=1`, in the order the document lists them per format.
OPERATOR_FIELDS = ("mega_step", "bee_step", "motiv_step", "sber_step", "winmob_step",
                   "volnamob_step", "mts_step", "tele2_step", "tele2", "ua_reg", "ua_int",
                   "mega_int", "motiv_int", "mts_int", "motiv", "by_reg", "by_int", "tele2_int",
                   "sber_int")
OPERATOR_FIELDS_JSON = ("mega_step", "mega_int", "bee_step", "motiv", "motiv_step", "motiv_int",
                        "sber_step", "sber_int", "winmob_step", "volnamob_step", "mts_step",
                        "mts_int", "tele2_step", "tele2", "tele2_int", "ua_reg", "ua_int",
                        "by_reg", "by_int")
SUBSTITUTE_SUFFIX = "_sub"  # `mts_step_sub = <name>`: the name that operator shows instead
# Per-operator status a name gets when its entry names none: 2 "допущено оператором" for an
# allowed name, 4 "временно отключено" for a switched-off one, 0 "ожидает регистрации" else.
OPERATOR_DEFAULTS = {SENDER_ACTIVE: "2", SENDER_DISABLED: "4"}


def _mapping(entry: SenderId, key: str) -> dict:
    value = entry.extra.get(key)
    return value if isinstance(value, dict) else {}


def _operator_values(entry: SenderId) -> dict[str, str]:
    named = _mapping(entry, "operators")
    default = OPERATOR_DEFAULTS.get(entry.status, "0")
    return {field: str(named.get(field, default)) for field in OPERATOR_FIELDS}


def _operator_pairs(entry: SenderId, order: tuple[str, ...]) -> list[tuple[str, str]]:
    values, substitutes = _operator_values(entry), _mapping(entry, "substitutes")
    pairs = []
    for field in order:
        pairs.append((field, values[field]))
        if substitutes.get(field):
            pairs.append((field + SUBSTITUTE_SUFFIX, str(substitutes[field])))
    return pairs


def _list_item(entry: SenderId, full: bool, operators: bool, fmt: Fmt) -> Any:
    """One name: a line in fmt 0 and 1, an element in XML, an object in JSON."""
    status = sender_status_code(entry.status)
    if operators:
        if fmt is Fmt.NUMBERS:  # no substitutes in fmt=1, as the document says
            values = _operator_values(entry)
            return ",".join([entry.sender, *(values[f] for f in OPERATOR_FIELDS), str(entry.id)])
        order = OPERATOR_FIELDS_JSON if fmt is Fmt.JSON else OPERATOR_FIELDS
        pairs: list[tuple[str, Any]] = _operator_pairs(entry, order)
        if fmt is Fmt.JSON:
            return dict([("sender", entry.sender), *pairs, ("id", str(entry.id))])
    else:
        pairs = [("status", status)] if full else []
    if fmt is Fmt.TEXT:
        shown = [("name", entry.sender), *pairs, ("id", entry.id)]
        return ", ".join(f"{key} = {value}" for key, value in shown)
    if fmt is Fmt.NUMBERS:
        return ",".join([entry.sender, *(str(v) for _, v in pairs), str(entry.id)])
    if fmt is Fmt.XML:
        return element("sender", entry.sender, [*pairs, ("id", entry.id)])
    return dict([("sender", entry.sender), *pairs, ("id", entry.id)])


def list_text(entries: list[SenderId], full: bool, operators: bool, fmt: Fmt) -> str:
    items = [_list_item(entry, full, operators, fmt) for entry in entries]
    if fmt is Fmt.JSON:
        return json_document(items)
    if fmt is Fmt.XML:
        return xml_document(parent("list", items))
    return "\n".join(items)


def added_text(sender_id: int, fmt: Fmt) -> str:
    if fmt is Fmt.TEXT:
        return f"ID = {sender_id}"
    if fmt is Fmt.NUMBERS:
        return str(sender_id)
    if fmt is Fmt.XML:
        return xml_document(record("sender", [("id", sender_id)]))
    return json_document({"sender": sender_id})
