"""balance.php's reply in the four formats.

fmt 0 and 1: the bare amount (the official libraries take a comma as an error), with the
currency after a comma when `cur=1`; XML and JSON: `balance` (a string), `credit` when the
account has one, `currency` when asked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .formats import Fmt, money
from .layout import json_document, record, xml_document


def balance_text(balance: Decimal, credit: Decimal, currency: str | None, fmt: Fmt) -> str:
    if fmt in (Fmt.TEXT, Fmt.NUMBERS):
        separator = ", " if fmt is Fmt.TEXT else ","
        return money(balance) + (f"{separator}{currency}" if currency else "")
    pairs: list[tuple[str, Any]] = [("balance", balance)]
    if credit:
        pairs.append(("credit", credit))
    if currency:
        pairs.append(("currency", currency))
    return xml_document(record("result", pairs)) if fmt is Fmt.XML else json_document(dict(pairs))
