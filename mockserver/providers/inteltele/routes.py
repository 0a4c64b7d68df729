"""IntelTele's HTTP API: /im/send/, /im/status/, /balance/, /credit/, /rates/ (GET and POST),
and /message/send/ and /message/status/, the SMS paths that the public clients call.

A refused request raises `Refused` from wherever it is found; `render_refusal` answers it in
the shape of the error's table."""

from __future__ import annotations

import uuid

from aiohttp import web

from ...core.accounts import Account, AuthFailure, Credential
from ...core.billing import Channel
from ...core.messages import FAILURES, REPORTS, ChannelAttempt, Message, Status, StatusChange
from ...edge import STATE, ProviderEdge
from ..http import (
    BadRequestBody,
    client_address,
    merged_params,
    note_violation,
    param_of,
    provider_routes,
    warner,
)
from . import wire
from .commands import build_send, build_sms_send
from .errors import AccountError, Refused, SendError

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
# The /im/ paths refuse in their own table; /balance/, /credit/ and /rates/ in theirs.
SEND_TABLE = (SendError.CANT_SEND, SEND_AUTH_ERRORS)
ACCOUNT_TABLE = (AccountError.INVALID_AUTH, ACCOUNT_AUTH_ERRORS)


async def _authorized(request: web.Request, table) -> tuple[dict[str, str], Account]:
    """The request's parameters and account; raises `Refused` from the path's table."""
    unreadable, auth_errors = table
    try:
        params = await merged_params(request)
    except BadRequestBody as exc:
        note_violation(request, "unreadable_body", "", f"the request body was refused: {exc}")
        raise Refused(unreadable) from exc
    auth = request.app[STATE].auth.authenticate(
        PROVIDER, params.get("username", ""), params.get("api_key", ""),
        client_address(request), Credential.API_KEY)
    if auth.failure is not None:
        raise Refused(auth_errors[auth.failure])
    return params, auth.account


def _new_ids(message: Message) -> dict[str, str]:
    return {"message_id": str(uuid.uuid4())}


def _sender(build):
    """A send handler: /im/send/ (Viber, SMS fallback) or /message/send/ (SMS) by `build`."""
    async def send(request: web.Request) -> web.Response:
        state = request.app[STATE]
        params, account = await _authorized(request, SEND_TABLE)
        command = build(params, account, state.limits.max_recipients, warner(request))
        command.provider_ids = _new_ids
        return wire.send_reply(state.sending.send(command))
    return send


send = _sender(build_send)
send_sms = _sender(build_sms_send)


def _time_zone(request: web.Request, params: dict[str, str], account: Account):
    """The `timezone` asked for (UTC in any case), or the profile's zone when none is given or
    the name is not a time zone."""
    asked = params.get("timezone", "")
    if not asked:
        return account.zone, account.zone.key
    zone = wire.zone_named(asked)
    if zone is None:
        note_violation(request, "unknown_timezone", "timezone",
                       f"{asked!r} is not a time zone name; the profile's zone is used")
        return account.zone, account.zone.key
    return zone, zone.key


async def status(request: web.Request) -> web.Response:
    state = request.app[STATE]
    params, account = await _authorized(request, SEND_TABLE)
    timeformat = params.get("timeformat") or None
    if timeformat is not None and timeformat not in wire.TIME_FORMATS:
        note_violation(request, "unknown_timeformat", "timeformat",
                       f"timeformat is one of {sorted(wire.TIME_FORMATS)}; got {timeformat!r}")
        timeformat = None
    zone, zone_name = _time_zone(request, params, account)
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
        _, account = await _authorized(request, ACCOUNT_TABLE)
        return render(request.app[STATE], account)
    return handler


balance = _account_view(lambda state, account: wire.balance_reply(account.balance))
credit = _account_view(lambda state, account: wire.credit_reply(account.credit))
rates = _account_view(lambda state, account: wire.rates_reply(
    state.pricing.rates_for(account), Channel.SMS, account.routes_to))


def report(message: Message, attempt: ChannelAttempt, change: StatusChange
           ) -> dict[str, str] | None:
    """One report per message, when its outcome is final (after any SMS fallback)."""
    if change.status not in REPORTS or change.status is Status.READ:
        return None
    if change.status in FAILURES and message.next_attempt() is not None:
        return None  # the SMS fallback goes next; the report waits for it
    return wire.delivery_report(message, change.at)


def render_refusal(request: web.Request, refused: Refused) -> web.Response:
    error = refused.error
    if isinstance(error, AccountError):
        return wire.account_error(error)
    return wire.send_error(error)


def internal_error(request: web.Request) -> web.Response:
    return wire.send_error(SendError.CANT_SEND)


async def login_of(request: web.Request) -> str:
    return await param_of(request, "username")


PATHS = {
    "/im/send/": send,
    "/message/send/": send_sms,
    "/im/status/": status,
    "/message/status/": status,
    "/balance/": balance,
    "/credit/": credit,
    "/rates/": rates,
}


def edge() -> ProviderEdge:
    return ProviderEdge(PROVIDER, provider_routes(PATHS, Refused, render_refusal),
                        report=report, internal_error=internal_error, login=login_of)
