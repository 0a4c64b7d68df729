"""SMSC's HTTP API: /sys/send.php, /sys/status.php, /sys/balance.php, /sys/senders.php, GET and
POST alike. Each handler reads the request in its charset, authenticates (`login` + `psw`, the
password or its lowercase MD5, or `apikey`), hands the work to the core and renders the result
in the requested `fmt`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from aiohttp import web

from ...core.accounts import Account, AuthResult, Credential
from ...core.delivery import EventRefused
from ...core.messages import Message, Status
from ...core.state import MockState
from ...edge import STATE, ProviderEdge
from ..http import client_address, note_violation, param_of
from .charset import DEFAULT, Charset, UnreadableRequest, charset_named, read_request
from .errors import (
    AUTH_ERRORS,
    BalanceError,
    SendError,
    SendersError,
    StatusError,
)
from .extension import extension
from .formats import Fmt, error_reply, fmt_of, ok_text, respond
from .replies import balance_text, send_text
from .send import Refused, SendRequest, carry_out, normalize_phone, parse_send
from .senders import CONCURRENT_LIMIT, SendersCall, run
from .status_view import StatusQuery, status_text

PROVIDER = "smsc"
STATUS_REPEAT_LIMIT = 5  # status requests for one message a minute
MASS_STATUS_LIMIT = 1  # requests for several messages a minute
BALANCE_LIMIT = 10  # balance requests a minute


@dataclass(slots=True)
class Call:
    state: MockState
    params: dict[str, str]
    charset: Charset
    fmt: Fmt
    account: Account

    def error(self, error: Enum, message_id: str = "") -> web.Response:
        return error_reply(error, self.fmt, self.charset, message_id)

    def reply(self, text: str) -> web.Response:
        return respond(text, self.fmt, self.charset)


def authenticate(state: MockState, request: web.Request, params: dict[str, str]) -> AuthResult:
    """`apikey` stands in for login + psw; so does `psw` with an empty `login` (the official
    libraries' convention)."""
    address = client_address(request)
    login, psw, key = params.get("login", ""), params.get("psw", ""), params.get("apikey", "")
    if key or (not login and psw):
        return state.auth.by_account_key(PROVIDER, key or psw, address)
    return state.auth.authenticate(PROVIDER, login, psw, address, Credential.PASSWORD_OR_MD5)


async def _open(request: web.Request, table: type[Enum]) -> Call | web.Response:
    state = request.app[STATE]
    try:
        params, charset = await read_request(request)
    except UnreadableRequest:
        return error_reply(table.PARAMETERS, fmt_of(request.query), DEFAULT)  # type: ignore
    fmt = fmt_of(params)
    if params.get("fmt", "0").strip() not in ("", *(str(f.value) for f in Fmt)):
        note_violation(request, "unknown_fmt", "fmt",
                       f"fmt is 0 (text), 1 (numbers), 2 (XML) or 3 (JSON); got "
                       f"{params['fmt']!r}, so the text format applies")
    auth = authenticate(state, request, params)
    if auth.account is None:
        return error_reply(AUTH_ERRORS[table][auth.failure], fmt, charset)  # type: ignore
    return Call(state, params, charset, fmt, auth.account)


def _warner(request: web.Request):
    return lambda rule, field, message: note_violation(request, rule, field, message)


def _new_id(state: MockState):
    return lambda: str(state.messages.next_number(PROVIDER))


# --- send.php ---------------------------------------------------------------------------------
async def send(request: web.Request) -> web.Response:
    call = await _open(request, SendError)
    if isinstance(call, web.Response):
        return call
    state = call.state
    warn = _warner(request)
    parsed = parse_send(call.params, call.account, state.clock.now(),
                        state.limits.max_recipients, _new_id(state), warn)
    if isinstance(parsed, SendRequest):
        parsed = carry_out(state, extension(state).rates, parsed, warn)
    if isinstance(parsed, Refused):
        return call.error(parsed.error, parsed.message_id)
    return call.reply(send_text(parsed, call.fmt))


# --- status.php -------------------------------------------------------------------------------
def _lookup(state: MockState, login: str, message_id: str, phone: str) -> Message | None:
    """SMSC's id is per request: several numbers share it, so the phone tells them apart."""
    found = [m for m in state.messages.by_provider_id(message_id, PROVIDER, login)
             if m.phone == phone]
    return found[-1] if found else None


def _delete(state: MockState, queries: list[StatusQuery]) -> bool:
    """status.php del=1: a message still with the operator is withdrawn; anything else cannot
    be deleted (error 5)."""
    for query in queries:
        message = query.message
        attempt = message.current if message else None
        if message is None or attempt is None or not attempt.is_open:
            return False
        try:
            state.simulator.force(message, attempt.channel, Status.DELETED)
        except EventRefused:
            return False
    return True


async def status(request: web.Request) -> web.Response:
    call = await _open(request, StatusError)
    if isinstance(call, web.Response):
        return call
    state, login, params = call.state, call.account.login, call.params
    raw_ids, raw_phones = params.get("id", ""), params.get("phone", "")
    several = "," in raw_ids or "," in raw_phones
    ids = [i.strip() for i in raw_ids.split(",") if i.strip()]
    phones = [normalize_phone(p) for p in raw_phones.split(",") if p.strip()]
    if not ids or not phones or (len(ids) > 1 < len(phones) and len(ids) != len(phones)):
        return call.error(StatusError.PARAMETERS)
    if max(len(ids), len(phones)) > state.limits.max_recipients:
        note_violation(request, "too_many_ids", "id", f"{len(ids)} ids in one request; the "
                       f"mock takes at most {state.limits.max_recipients}")
        return call.error(StatusError.PARAMETERS)
    detail = {"1": 1, "2": 2}.get(params.get("all", "").strip(), 0)
    # Ids and phones pair up in order; a lone id (one send to several numbers) or a lone phone
    # goes with each of the other list.
    count = max(len(ids), len(phones))
    pairs = [(ids[n % len(ids)], phones[n % len(phones)]) for n in range(count)]
    key = ("status-mass", login) if several else ("status", login, *pairs[0])
    if extension(state).rates.over(key, MASS_STATUS_LIMIT if several else STATUS_REPEAT_LIMIT):
        return call.error(StatusError.DUPLICATE)
    queries = [StatusQuery(i, p, _lookup(state, login, i, p)) for i, p in pairs]
    for query in queries:
        if query.message is None:
            note_violation(request, "unknown_message", "id", f"no message {query.message_id!r} "
                           f"to {query.phone} was sent from this account (status -3)")
    if params.get("del", "").strip() == "1":
        return call.reply(ok_text(call.fmt)) if _delete(state, queries) else call.error(
            StatusError.DELETE_FAILED)
    return call.reply(status_text(queries, detail, several, call.fmt, call.account.zone))


# --- balance.php ------------------------------------------------------------------------------
async def balance(request: web.Request) -> web.Response:
    call = await _open(request, BalanceError)
    if isinstance(call, web.Response):
        return call
    account = call.account
    if extension(call.state).rates.over(("balance", account.login), BALANCE_LIMIT):
        return call.error(BalanceError.TOO_MANY)
    currency = None
    if call.params.get("cur", "").strip() == "1":
        currency = account.to_mapping()["currency"]
    return call.reply(balance_text(account.balance, account.credit, currency, call.fmt))


# --- senders.php ------------------------------------------------------------------------------
async def senders(request: web.Request) -> web.Response:
    call = await _open(request, SendersError)
    if isinstance(call, web.Response):
        return call
    ext = extension(call.state)
    with ext.request_of(call.account.login) as others:
        if others + 1 >= CONCURRENT_LIMIT:
            return call.error(SendersError.TOO_MANY_CONCURRENT)
        result = run(SendersCall(call.state, ext, call.account, call.params, call.fmt,
                                 _new_id(call.state)))
    if isinstance(result, SendersError):
        return call.error(result)
    return call.reply(result)


# --- the edge ---------------------------------------------------------------------------------
PATHS = {
    "/sys/send.php": (send, SendError),
    "/sys/status.php": (status, StatusError),
    "/sys/balance.php": (balance, BalanceError),
    "/sys/senders.php": (senders, SendersError),
}


def internal_error(request: web.Request) -> web.Response:
    """If the mock itself fails: the path's parameters error, never a bare 500."""
    _, table = PATHS.get(request.path, (None, SendError))
    return error_reply(table.PARAMETERS, fmt_of(request.query), DEFAULT)  # type: ignore


async def login_of(request: web.Request) -> str:
    """`login`, read in the request's charset as the handlers read it (quietly)."""
    charset = charset_named(await param_of(request, "charset", "latin-1")) or DEFAULT
    return await param_of(request, "login", charset.codec)


def edge() -> ProviderEdge:
    routes = []
    for path, (handler, _) in PATHS.items():
        routes += [web.get(path, handler, allow_head=False), web.post(path, handler)]
    return ProviderEdge(PROVIDER, routes, internal_error=internal_error, login=login_of)
