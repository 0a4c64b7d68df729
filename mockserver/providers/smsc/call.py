"""One SMSC request from its arrival to its reply, and its one error flow.

Every path reads the request in its charset, learns the reply's `fmt`, authenticates (`login` +
`psw`, the password or its lowercase MD5, or `apikey`), then does its work. Any step refuses by
raising `SmscError`; `smsc_path` renders it, once, in the format and charset known by then."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum

from aiohttp import web

from ...core.accounts import Account, AuthResult, Credential
from ...core.state import MockState
from ...edge import STATE
from ..http import client_address, note_violation
from .charset import UnreadableRequest, query_params, read_request
from .errors import AUTH_ERRORS, SmscError
from .formats import Fmt, fmt_of, known_fmt
from .in_flight import concurrent_requests
from .reply import ReplyShape, error_text, respond

PROVIDER = "smsc"


@dataclass(slots=True)
class Call:
    """An authenticated request: who asks, what, and in which format the reply goes."""

    request: web.Request
    state: MockState
    params: dict[str, str]
    shape: ReplyShape
    account: Account
    concurrent: int = 1  # requests of this login in flight when it was counted, itself included

    @property
    def fmt(self) -> Fmt:
        return self.shape.fmt

    def warn(self, rule: str, field: str, message: str) -> None:
        """Note a broken rule of the contract in the journal."""
        note_violation(self.request, rule, field, message)

    def new_id(self) -> str:
        return str(self.state.messages.next_number(PROVIDER))


Work = Callable[[Call], str]


def authenticate(state: MockState, request: web.Request, params: dict[str, str]) -> AuthResult:
    """`apikey` stands in for login + psw; so does `psw` with an empty `login` (the official
    libraries' convention)."""
    address = client_address(request)
    login, psw, key = params.get("login", ""), params.get("psw", ""), params.get("apikey", "")
    if key or (not login and psw):
        return state.auth.by_account_key(PROVIDER, key or psw, address)
    return state.auth.authenticate(PROVIDER, login, psw, address, Credential.PASSWORD_OR_MD5)


async def _open(request: web.Request, table: type[Enum], shape: ReplyShape) -> Call:
    state = request.app[STATE]
    try:
        params, shape.charset = await read_request(request)
    except UnreadableRequest:
        shape.fmt = fmt_of(query_params(request))
        raise SmscError(table.PARAMETERS) from None  # type: ignore[attr-defined]
    shape.fmt = fmt_of(params)
    if not known_fmt(params):
        note_violation(request, "unknown_fmt", "fmt",
                       f"fmt is 0 (text), 1 (numbers), 2 (XML) or 3 (JSON); got "
                       f"{params['fmt']!r}, so the text format applies")
    auth = authenticate(state, request, params)
    if auth.account is None:
        raise SmscError(AUTH_ERRORS[table][auth.failure])  # type: ignore[index]
    login = auth.account.login
    return Call(request, state, params, shape, auth.account, concurrent_requests(request, login))


def smsc_path(table: type[Enum]) -> Callable[[Work], Callable[[web.Request],
                                                               Awaitable[web.Response]]]:
    """A path's handler from its work: the work returns the reply's text or raises SmscError
    with a member of `table`, the path's own error table."""
    def wrap(work: Work) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handler(request: web.Request) -> web.Response:
            shape = ReplyShape()  # its fmt once the parameters are read
            try:
                text = work(await _open(request, table, shape))
            except SmscError as refusal:
                text = error_text(refusal, shape.fmt)
            return respond(text, shape)
        handler.__name__ = handler.__qualname__ = work.__name__
        return handler
    return wrap
