"""Successful send.php replies in the four formats.

By `cost` (fmt 1 as the official libraries split it on commas):
  cost=0  OK - <cnt> SMS, ID - <id>                         <id>,<cnt>
  cost=1  COST - <cost>, SMS - <cnt>                        <cost>,<cnt>
  cost=2  OK - <cnt> SMS, ID - <id>, COST - <cost>          <id>,<cnt>,<cost>
  cost=3  ..., COST - <cost>, BALANCE - <balance>           <id>,<cnt>,<cost>,<balance>
In JSON `id` and `cnt` are numbers, `cost` and `balance` strings, and a key appears only when
asked for. `err=1` / `op=1` add the failed (or all) numbers after the first line, or as
`phones` in XML and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .formats import Fmt, money, numeric_id, plain
from .layout import element, json_document, parent, record, xml_document
from .statuses import SmscStatus


@dataclass(frozen=True, slots=True)
class NumberLine:
    """One number of a send request as `op=1` and `err=1` list it."""

    phone: str
    mccmnc: str
    cost: Decimal
    status: SmscStatus


@dataclass(slots=True)
class SendOutcome:
    cost_mode: int  # 0 send, 1 price only, 2 send + price, 3 send + price + balance
    message_id: str
    cnt: int
    cost: Decimal
    balance: Decimal
    numbers: list[NumberLine] = field(default_factory=list)


def _fields(outcome: SendOutcome) -> list[tuple[str, Any]]:
    cost_mode = outcome.cost_mode
    if cost_mode == 1:
        return [("cost", outcome.cost), ("cnt", outcome.cnt)]
    pairs: list[tuple[str, Any]] = [("id", numeric_id(outcome.message_id)),
                                    ("cnt", outcome.cnt)]
    if cost_mode >= 2:
        pairs.append(("cost", outcome.cost))
    if cost_mode == 3:
        pairs.append(("balance", outcome.balance))
    return pairs


def _first_line(outcome: SendOutcome) -> str:
    cost_mode = outcome.cost_mode
    if cost_mode == 1:
        return f"COST - {money(outcome.cost)}, SMS - {outcome.cnt}"
    line = f"OK - {outcome.cnt} SMS, ID - {outcome.message_id}"
    if cost_mode >= 2:
        line += f", COST - {money(outcome.cost)}"
    if cost_mode == 3:
        line += f", BALANCE - {money(outcome.balance)}"
    return line


def _number_pairs(line: NumberLine) -> list[tuple[str, str]]:
    """A number's fields, all strings; `error` only when there is one."""
    pairs = [("phone", line.phone), ("mccmnc", line.mccmnc), ("cost", money(line.cost)),
             ("status", str(line.status.code))]
    if line.status.err:
        pairs.append(("error", str(line.status.err)))
    return pairs


def send_text(outcome: SendOutcome, fmt: Fmt) -> str:
    pairs, numbers = _fields(outcome), outcome.numbers
    if fmt is Fmt.TEXT:
        lines = [_first_line(outcome)]
        lines += [", ".join(f"{k} = {v}" for k, v in _number_pairs(n)) for n in numbers]
        return "\n".join(lines)
    if fmt is Fmt.NUMBERS:
        lines = [",".join(plain(value) for _, value in pairs)]
        lines += [",".join([n.phone, n.mccmnc, money(n.cost), str(n.status.code),
                            str(n.status.err)]) for n in numbers]
        return "\n".join(lines)
    if fmt is Fmt.XML:
        if numbers:
            pairs.append(("phones", parent("phones", [
                element("phone", n.phone, _number_pairs(n)[1:]) for n in numbers])))
        return xml_document(record("result", pairs))
    if numbers:
        pairs.append(("phones", [dict(_number_pairs(n)) for n in numbers]))
    return json_document(dict(pairs))
