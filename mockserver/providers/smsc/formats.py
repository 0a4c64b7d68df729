"""SMSC's four reply formats (`fmt`): 0 text, 1 comma-separated numbers, 2 XML, 3 JSON, and
how a single value is written in them (money, message ids)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum
from typing import Any


class Fmt(IntEnum):
    TEXT = 0
    NUMBERS = 1
    XML = 2
    JSON = 3


CONTENT_TYPES = {Fmt.TEXT: "text/plain", Fmt.NUMBERS: "text/plain", Fmt.XML: "text/xml",
                 Fmt.JSON: "application/json"}
MONEY_STEP = Decimal("0.01")  # a kopeck: the smallest amount SMSC writes


_SPELLED = {"": Fmt.TEXT, **{str(f.value): f for f in Fmt}}  # as clients write them


def fmt_of(params: Mapping[str, str]) -> Fmt:
    """The requested format; anything but 0..3 gets the default text format."""
    raw = params.get("fmt", "").strip()
    found = _SPELLED.get(raw)
    if found is not None:
        return found
    try:  # "03", "+3": what int() reads
        return Fmt(int(raw))
    except ValueError:
        return Fmt.TEXT


def known_fmt(params: Mapping[str, str]) -> bool:
    return params.get("fmt", "").strip() in _SPELLED


def money(amount: Decimal) -> str:
    """Roubles and kopecks, always two decimals, as SMSC writes amounts ("1.40", "178.10").

    SMSC accounts are priced in whole kopecks (MONEY_STEP), so a cost or a balance that started
    whole is exact here; an amount given finer (a fixture's balance of 10.005) is shown rounded
    half-up, and since charges are whole kopecks, shown costs still add up to shown balances."""
    return str(amount.quantize(MONEY_STEP, ROUND_HALF_UP))


def numeric_id(value: str) -> int | str:
    """Message ids are JSON numbers; a client's own id of letters stays a string."""
    return int(value) if value.isdigit() else value


def plain(value: Any) -> str:
    """A value in a text or comma-separated reply."""
    return money(value) if isinstance(value, Decimal) else str(value)
