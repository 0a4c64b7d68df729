"""IntelTele's HTTP API: /im/send/, /im/status/, /balance/, /credit/, /rates/ (GET and POST)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from aiohttp import web

from ...core.accounts import Account, AuthFailure, Credential
from ...core.billing import Channel
from ...core.messages import FAILURES, REPORTS, ChannelAttempt, Message, Status, StatusChange
from ...edge import STATE, ProviderEdge
from ..http import BadRequestBody, client_address, merged_params, note_violation, param_of
from . import wire
from .commands import Refused, build_send
from .errors import AccountError, SendError

PROVIDER = "inteltele"

SEND_AUTH_ERRORS = {
    AuthFailure.BLOCKED: SendError.BRUTEFORCE,
    AuthFailure.UNKNOWN_LOGIN: SendError.WRONG_LOGIN,
    AuthFailure.WRONG_SECRET: SendError.WRONG_API_KEY,
    AuthFailure.IP_NOT_ALLOWED: SendError.IP_NOT_ALLOWED,
}
ACCOUNT_AUTH_ERRORS = {
    AuthFailure.BLOCKED: AccountError.BRUTEFORCE,
    AuthFailure.UNKNOWN_LOGIN: AccountError.INVALID_AUTH,
    AuthFailure.WRONG_SECRET: AccountError.INVALID_AUTH,
    AuthFailure.IP_NOT_ALLOWED: AccountError.IP_NOT_ALLOWED,
}


async def _params(request: web.Request) -> dict[str, str] | None:
    try:
        return await merged_params(request)
    except BadRequestBody as exc:
        note_violation(request, "unreadable_body", "", f"the request body was refused: {exc}")
        return None


def _refuse_send(failure: AuthFailure | None) -> web.Response:
    """The /im/ paths' reply to an unreadable body (None) or a failed authentication."""
    return wire.send_error(SendError.CANT_SEND if failure is None else SEND_AUTH_ERRORS[failure])


def _refuse_account(failure: AuthFailure | None) -> web.Response:
    """/balance/, /credit/ and /rates/ answer the same two ways in their own shape."""
    return wire.account_error(AccountError.INVALID_AUTH if failure is None
                              else ACCOUNT_AUTH_ERRORS[failure])


async def _authorized(request: web.Request, refuse: Callable[[AuthFailure | None], web.Response]
                      ) -> tuple[dict[str, str], Account] | web.Response:
    """The request's parameters and account, or the reply refusing it."""
    params = await _params(request)
    if params is None:
        return refuse(None)
    auth = request.app[STATE].auth.authenticate(
        PROVIDER, params.get("username", ""), params.get("api_key", ""),
        client_address(request), Credential.API_KEY)
    if auth.failure is not None:
        return refuse(auth.failure)
    return params, auth.account


def _warner(request: web.Request):
    return lambda rule, field, message: note_violation(request, rule, field, message)


def _new_ids(message: Message) -> dict[str, str]:
    return {"message_id": str(uuid.uuid4())}


async def send(request: web.Request) -> web.Response:
    state = request.app[STATE]
    authorized = await _authorized(request, _refuse_send)
    if isinstance(authorized, web.Response):
        return authorized
    params, account = authorized
    command = build_send(params, account, state.limits.max_recipients, _warner(request))
    if isinstance(command, Refused):
        return wire.send_error(command.error)
    command.provider_ids = _new_ids
    return wire.send_reply(state.sending.send(command))


async def status(request: web.Request) -> web.Response:
    state = request.app[STATE]
    authorized = await _authorized(request, _refuse_send)
    if isinstance(authorized, web.Response):
        return authorized
    params, account = authorized
    timeformat = params.get("timeformat") or None
    if timeformat is not None and timeformat not in wire.TIME_FORMATS:
        note_violation(request, "unknown_timeformat", "timeformat",
                       f"timeformat is one of {sorted(wire.TIME_FORMATS)}; got {timeformat!r}")
        timeformat = None
    zone_name = params.get("timezone") or account.zone.key
    zone = wire.zone_named(zone_name)
    if zone is None:
        note_violation(request, "unknown_timezone", "timezone",
                       f"{zone_name!r} is not a time zone name; the profile's zone is used")
        zone, zone_name = account.zone, account.zone.key
    entries = {}
    for message_id in (i.strip() for i in params.get("requests", "").split(",")):
        if not message_id:
            continue
        found = state.messages.by_provider_id(message_id, PROVIDER, account.login)
        if not found:
            note_violation(request, "unknown_message_id", "requests",
                           f"no message {message_id!r} was sent from this account")
        entries[message_id] = wire.status_entry(found[0] if found else None, timeformat,
                                                zone, zone_name)
    return wire.status_reply(entries)


def _account_view(render):
    async def handler(request: web.Request) -> web.Response:
        authorized = await _authorized(request, _refuse_account)
        if isinstance(authorized, web.Response):
            return authorized
        return render(request.app[STATE], authorized[1])
    return handler


balance = _account_view(lambda state, account: wire.balance_reply(account.balance))
credit = _account_view(lambda state, account: wire.credit_reply(account.credit))
rates = _account_view(
    lambda state, account: wire.rates_reply(state.pricing.rates_for(account), Channel.SMS))


def report(message: Message, attempt: ChannelAttempt, change: StatusChange
           ) -> dict[str, str] | None:
    """One report per message, when its outcome is final (after any SMS fallback)."""
    if change.status not in REPORTS or change.status is Status.READ:
        return None
    if change.status in FAILURES and message.next_attempt() is not None:
        return None  # the SMS fallback goes next; the report waits for it
    return wire.delivery_report(message, change.at)


def internal_error(request: web.Request) -> web.Response:
    return wire.send_error(SendError.CANT_SEND)


async def login_of(request: web.Request) -> str:
    return await param_of(request, "username")


PATHS = {
    "/im/send/": send,
    "/im/status/": status,
    "/balance/": balance,
    "/credit/": credit,
    "/rates/": rates,
}


def edge() -> ProviderEdge:
    routes = []
    for path, handler in PATHS.items():
        routes += [web.get(path, handler, allow_head=False), web.post(path, handler)]
    return ProviderEdge(PROVIDER, routes, report=report, internal_error=internal_error,
                        login=login_of)
