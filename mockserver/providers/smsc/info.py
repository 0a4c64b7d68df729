"""/sys/info.php?get_operator=1: a number's country, operator, region, MCC, MNC and time zone,
from the mock's phone tables. A number whose operator the tables do not know is error 3
("operator not found", as the page lists it)."""

from __future__ import annotations

from .call_errors import InfoError
from .calls import ApiCall, command, endpoint, object_text, rows_text
from .errors import SmscError
from .send import normalize_phone
from .status_view import COUNTRY_NAMES, OPERATOR_NAMES

IDENTICAL_LIMIT = 3  # identical requests a minute; the 4th is error 9 (the page's numbers)
ANY_LIMIT = 100  # any requests a minute
# A region and its UTC offset per country: the phone tables carry no regions (MOCK).
REGIONS = {"ru": ("Москва", 3), "ua": ("Киев", 2), "kz": ("Алматы", 5), "by": ("Минск", 3)}


def _row(call: ApiCall, raw: str) -> list[tuple[str, object]]:
    info = call.state.analyzer.analyze(normalize_phone(raw))
    operator = OPERATOR_NAMES.get((info.country, info.mnc), "") if info else ""
    if info is None or not operator:
        raise SmscError(InfoError.NOT_FOUND)
    region, tz = REGIONS.get(info.country, (COUNTRY_NAMES.get(info.country, ""), 0))
    return [("country", COUNTRY_NAMES.get(info.country, info.country.upper())),
            ("operator", operator), ("region", region), ("mcc", info.mcc), ("mnc", info.mnc),
            ("tz", tz)]


def handle(call: ApiCall) -> str:
    command(call, ("get_operator",))
    raw = call.require("phone")
    call.limit(("any",), ANY_LIMIT)
    call.limit(("same", raw), IDENTICAL_LIMIT)
    phones = [p for p in raw.split(",") if p.strip()]
    if len(phones) > 1:
        return rows_text([[("phone", normalize_phone(p)), *_row(call, p)] for p in phones],
                         call.fmt, "operator")
    return object_text(_row(call, phones[0]), call.fmt)


info = endpoint(InfoError, handle)
