"""SMSC's four reply formats (`fmt`): 0 text, 1 comma-separated numbers, 2 XML, 3 JSON, and
how a single value is written in them (money, message ids)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import IntEnum
from typing import Any


class Fmt(IntEnum):
    TEXT = 0
    NUMBERS = 1
    XML = 2
    JSON = 3


CONTENT_TYPES = {Fmt.TEXT: "text/plain", Fmt.NUMBERS: "text/plain", Fmt.XML: "text/xml",
                 Fmt.JSON: "application/json"}
_CENT = Decimal("0.01")


def fmt_of(params: Mapping[str, str]) -> Fmt:
    """The requested format; anything but 0..3 gets the default text format."""
    try:
        return Fmt(int(params.get("fmt", "0").strip() or "0"))
    except ValueError:
        return Fmt.TEXT


def known_fmt(params: Mapping[str, str]) -> bool:
    return params.get("fmt", "0").strip() in ("", *(str(f.value) for f in Fmt))


def money(amount: Decimal) -> str:
    """Two decimals as SMSC writes amounts ("1.40", "178.10"), more only when the exact amount
    needs them, so that a cost always adds up to what the balance lost."""
    if amount == amount.quantize(_CENT):
        return str(amount.quantize(_CENT))
    return format(amount.normalize(), "f")


def numeric_id(value: str) -> int | str:
    """Message ids are JSON numbers; a client's own id of letters stays a string."""
    return int(value) if value.isdigit() else value


def plain(value: Any) -> str:
    """A value in a text or comma-separated reply."""
    return money(value) if isinstance(value, Decimal) else str(value)
