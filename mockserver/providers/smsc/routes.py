"""SMSC's HTTP API: /sys/send.php, /sys/status.php, /sys/balance.php, /sys/senders.php, GET and
POST alike. Each path's work hands the request to the core and renders the result in the
requested `fmt`; call.py reads, authenticates and renders refusals."""

from __future__ import annotations

from aiohttp import web

from ...core.delivery import EventRefused
from ...core.messages import Message, Status
from ...core.state import MockState
from ...edge import ProviderEdge
from ..http import param_of, provider_routes
from . import notify
from .attachments import attach_files
from .balance_view import balance_text
from .call import PROVIDER, Call, smsc_path
from .charset import DEFAULT, charset_named
from .errors import BalanceError, SendError, SendersError, SmscError, StatusError
from .extension import extension
from .formats import MONEY_STEP, fmt_of
from .in_flight import count_in_flight
from .management import MANAGEMENT_PATHS
from .phones import with_groups
from .reply import ReplyShape, error_text, ok_text, respond
from .send import carry_out, normalize_phone, parse_send
from .send_view import send_text
from .senders import CONCURRENT_LIMIT, SendersCall, run
from .status_view import StatusQuery, status_text

STATUS_REPEAT_LIMIT = 5  # status requests for one message a minute
MASS_STATUS_LIMIT = 1  # requests for several messages a minute
BALANCE_LIMIT = 10  # balance requests a minute


# --- send.php ---------------------------------------------------------------------------------
@smsc_path(SendError)
def send(call: Call) -> str:
    state = call.state
    if "phones" in call.params:
        call.params["phones"] = with_groups(state, call.account.login, call.params["phones"])
    parsed = parse_send(call.params, call.account, state.clock.now,
                        state.limits.max_recipients, call.new_id, call.warn)
    attach_files(parsed.command, call.request)
    return send_text(carry_out(state, extension(state).rates, parsed, call.warn), call.fmt)


# --- status.php -------------------------------------------------------------------------------
def _lookup(state: MockState, login: str, message_id: str, phone: str) -> Message | None:
    """SMSC's id is per request: several numbers share it, so the phone tells them apart."""
    found = [m for m in state.messages.by_provider_id(message_id, PROVIDER, login)
             if m.phone == phone]
    return found[-1] if found else None


def _delete(state: MockState, queries: list[StatusQuery]) -> None:
    """status.php del=1: a message still with the operator is withdrawn; anything else cannot
    be deleted (error 5)."""
    for query in queries:
        message = query.message
        attempt = message.current if message else None
        if message is None or attempt is None or not attempt.is_open:
            raise SmscError(StatusError.DELETE_FAILED)
        try:
            state.simulator.force(message, attempt.channel, Status.DELETED)
        except EventRefused:
            raise SmscError(StatusError.DELETE_FAILED) from None


@smsc_path(StatusError)
def status(call: Call) -> str:
    state, login, params = call.state, call.account.login, call.params
    raw_ids, raw_phones = params.get("id", ""), params.get("phone", "")
    several = "," in raw_ids or "," in raw_phones
    ids = [i.strip() for i in raw_ids.split(",") if i.strip()]
    phones = [normalize_phone(p) for p in raw_phones.split(",") if p.strip()]
    if not ids or not phones or (len(ids) > 1 < len(phones) and len(ids) != len(phones)):
        raise SmscError(StatusError.PARAMETERS)
    if max(len(ids), len(phones)) > state.limits.max_recipients:
        call.warn("too_many_ids", "id", f"{len(ids)} ids in one request; the mock takes at "
                  f"most {state.limits.max_recipients}")
        raise SmscError(StatusError.PARAMETERS)
    detail = {"1": 1, "2": 2}.get(params.get("all", "").strip(), 0)
    # Ids and phones pair up in order; a lone id (one send to several numbers) or a lone phone
    # goes with each of the other list.
    count = max(len(ids), len(phones))
    pairs = [(ids[n % len(ids)], phones[n % len(phones)]) for n in range(count)]
    # The list form of one message (`id=N,`, as some clients always write it) answers as a
    # list, but is limited as a request for that one message.
    mass = len(pairs) > 1
    key = ("status-mass", login) if mass else ("status", login, *pairs[0])
    if extension(state).rates.over(key, MASS_STATUS_LIMIT if mass else STATUS_REPEAT_LIMIT):
        raise SmscError(StatusError.DUPLICATE)
    queries = [StatusQuery(i, p, _lookup(state, login, i, p)) for i, p in pairs]
    for query in queries:
        if query.message is None:
            call.warn("unknown_message", "id", f"no message {query.message_id!r} to "
                      f"{query.phone} was sent from this account (status -3)")
    if params.get("del", "").strip() == "1":
        _delete(state, queries)
        return ok_text(call.fmt)
    return status_text(queries, detail, several, call.fmt, call.account.zone)


# --- balance.php ------------------------------------------------------------------------------
@smsc_path(BalanceError)
def balance(call: Call) -> str:
    account = call.account
    if extension(call.state).rates.over(("balance", account.login), BALANCE_LIMIT):
        raise SmscError(BalanceError.TOO_MANY)
    currency = None
    if call.params.get("cur", "").strip() == "1":
        currency = account.to_mapping()["currency"]
    return balance_text(account.balance, account.credit, currency, call.fmt)


# --- senders.php ------------------------------------------------------------------------------
@smsc_path(SendersError)
def senders(call: Call) -> str:
    if call.concurrent >= CONCURRENT_LIMIT:
        raise SmscError(SendersError.TOO_MANY_CONCURRENT)
    return run(SendersCall(call.state, extension(call.state), call.account, call.params,
                           call.fmt, call.new_id))


# --- the edge ---------------------------------------------------------------------------------
PATHS = {
    "/sys/send.php": (send, SendError),
    "/sys/status.php": (status, StatusError),
    "/sys/balance.php": (balance, BalanceError),
    "/sys/senders.php": (senders, SendersError),
    **MANAGEMENT_PATHS,
}


def internal_error(request: web.Request) -> web.Response:
    """If the mock itself fails: the path's parameters error, never a bare 500."""
    _, table = PATHS.get(request.path, (None, SendError))
    shape = ReplyShape(fmt_of(request.query), DEFAULT)
    return respond(error_text(SmscError(table.PARAMETERS), shape.fmt), shape)  # type: ignore


async def login_of(request: web.Request) -> str:
    """`login`, read in the request's charset as the handlers read it (quietly)."""
    charset = charset_named(await param_of(request, "charset", "latin-1")) or DEFAULT
    return await param_of(request, "login", charset.codec)


def edge() -> ProviderEdge:
    # Each handler renders its own refusals (smsc_path): the format is known only once read.
    routes = provider_routes({path: handler for path, (handler, _) in PATHS.items()})
    return ProviderEdge(PROVIDER, routes, internal_error=internal_error, login=login_of,
                        money_step=MONEY_STEP, middlewares=(count_in_flight(frozenset(PATHS)),),
                        setup=notify.wire, notifies=True)
