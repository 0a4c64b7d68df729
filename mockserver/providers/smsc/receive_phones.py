"""/sys/receive_phones.php: dedicated numbers for incoming messages. `get` lists the free ones
with their monthly price, `buy` takes one (charged the rest of the month, pro rata), `chg`
switches its renewal (`noprolong=1` stops it). A bought number is where inbound replies can be
addressed (`to`), and what get.php's `to_phone` filters on."""

from __future__ import annotations

import calendar
from decimal import ROUND_HALF_UP, Decimal

from .book import DedicatedNumber, books
from .call_errors import ReceivePhonesError
from .calls import ApiCall, command, endpoint, rows_text
from .errors import SmscError
from .reply import ok_text
from .send import normalize_phone

# The mock's pool of free numbers and their monthly price (MOCK: the real list is live).
POOL = {f"7999000{n:04d}": Decimal("500.00") for n in range(100, 105)}
CENT = Decimal("0.01")


def _pro_rata(call: ApiCall, monthly: Decimal) -> Decimal:
    now = call.state.clock.now().astimezone(call.account.zone)
    days = calendar.monthrange(now.year, now.month)[1]
    left = days - now.day + 1
    return (monthly * left / days).quantize(CENT, ROUND_HALF_UP)


def _taken(call: ApiCall) -> set[str]:
    return {phone for book in books(call.state).every() for phone in book.numbers}


def handle(call: ApiCall) -> str:
    which = command(call, ("get", "buy", "chg"))
    book = books(call.state).of(call.account.login)
    if which == "get":
        taken = _taken(call)
        rows = [[("phone", phone), ("cost", price)] for phone, price in POOL.items()
                if phone not in taken]
        return rows_text(rows, call.fmt, "phone")
    phone = normalize_phone(call.require("phone"))
    if which == "chg":
        number = book.numbers.get(phone)
        if number is None:
            raise SmscError(ReceivePhonesError.NOT_FOUND)
        number.prolong = not call.flag("noprolong")
        return ok_text(call.fmt)
    if phone not in POOL or phone in _taken(call):
        raise SmscError(ReceivePhonesError.NOT_FOUND)
    cost = _pro_rata(call, POOL[phone])
    if not call.account.test_mode:
        if not call.account.can_afford(cost):
            raise SmscError(ReceivePhonesError.NO_MONEY)
        call.account.charge(cost)
    book.numbers[phone] = DedicatedNumber(phone, POOL[phone])
    return ok_text(call.fmt)


receive_phones = endpoint(ReceivePhonesError, handle)
