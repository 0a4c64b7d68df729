"""/sys/users.php: sub-clients. `add` (user, password, fio, ...) opens an SMSC account that can
log in at once, with no money; `chg` (user, password, fio) changes it; `pay` (user, sum) moves
money from the parent's balance to the sub-client's (a negative sum takes it back); `get` lists
the sub-clients and `get_stat` (user) their sending figures. An empty list is error 3, which
clients take for "none" (node-smsc answers [] for it)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ...core.accounts import Account, Provider
from .book import books
from .call_errors import UsersError
from .calls import ApiCall, command, created_text, endpoint, rows_text
from .errors import SmscError
from .reply import ok_text

LOGIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.@")
MAX_SUB_CLIENTS = 1_000


def _sub_client(call: ApiCall) -> Account:
    login = call.require("user")
    if login not in books(call.state).of(call.account.login).sub_clients:
        raise SmscError(UsersError.NOT_FOUND)
    found = call.state.accounts.get(Provider.SMSC, login)
    if found is None:
        raise SmscError(UsersError.NOT_FOUND)
    return found


def _add(call: ApiCall) -> str:
    login, password = call.require("user"), call.require("password")
    book = books(call.state).of(call.account.login)
    if (not set(login) <= LOGIN_CHARS or len(login) > 50
            or call.state.accounts.get(Provider.SMSC, login) is not None
            or len(book.sub_clients) >= MAX_SUB_CLIENTS):
        raise SmscError(UsersError.SAVE_FAILED)
    parent = call.account
    account = Account(Provider.SMSC, login, password=password, currency=parent.currency,
                      timezone=parent.timezone, rates=parent.rates)
    call.state.accounts.put(account)
    book.sub_clients.append(login)
    return created_text(books(call.state).next_id("user"), call.fmt)


def _pay(call: ApiCall, sub: Account) -> str:
    try:
        amount = Decimal(call.require("sum"))
    except InvalidOperation:
        raise SmscError(UsersError.PARAMETERS) from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise SmscError(UsersError.PARAMETERS)
    giver, taker = (call.account, sub) if amount > 0 else (sub, call.account)
    if abs(amount) > giver.balance:
        raise SmscError(UsersError.NO_MONEY)
    giver.charge(abs(amount))
    taker.balance += abs(amount)
    return ok_text(call.fmt)


def _stat(call: ApiCall, sub: Account) -> str:
    sent = [m for m in call.state.messages if m.provider == "smsc" and m.login == sub.login]
    if not sent:
        raise SmscError(UsersError.NOT_FOUND)
    parts = sum(a.parts for m in sent for a in m.channels if a.started)
    cost = sum((m.cost for m in sent), Decimal("0"))
    return rows_text([[("user", sub.login), ("cnt", parts), ("cost", cost)]], call.fmt, "stat")


def handle(call: ApiCall) -> str:
    which = command(call, ("add", "chg", "pay", "get", "get_stat"))
    if which == "add":
        return _add(call)
    if which == "get":
        logins = books(call.state).of(call.account.login).sub_clients
        subs = [a for a in (call.state.accounts.get(Provider.SMSC, u) for u in logins) if a]
        if not subs:
            raise SmscError(UsersError.NOT_FOUND)
        return rows_text([[("user", a.login), ("balance", a.balance)] for a in subs],
                         call.fmt, "user")
    sub = _sub_client(call)
    if which == "pay":
        return _pay(call, sub)
    if which == "get_stat":
        return _stat(call, sub)
    if call.text("password"):
        sub.password = call.text("password")
    return ok_text(call.fmt)


users = endpoint(UsersError, handle)
