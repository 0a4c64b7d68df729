"""How many requests each login has in flight: senders.php's error 9 for fifteen or more at once
"с разных подключений под одним логином".

A request is counted from its arrival at the server to its reply, so the time it spends in a
delay fault or sending a slow body counts too: `count_in_flight` wraps the whole request,
outside the journal and the faults. It counts under the login from the moment the login can be
known: at arrival when the query string names it (`login`, or an `apikey`: SMSC's libraries put
everything in the query of a GET), else once the parameters are read (a POST with the login in
its body). Every SMSC path counts; senders.php is the one whose document refuses."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass

from aiohttp import web

from ...core.state import MockState
from ...edge import STATE
from .charset import read_query
from .extension import InFlight, extension


@dataclass(slots=True)
class Ticket:
    """One request's place in the count."""

    book: InFlight
    login: str | None = None
    at_entry: int = 0  # in flight under its login when counted, itself included

    def count_as(self, login: str) -> int:
        """Counted under `login` (from now, unless it already was); how many were in flight
        then, this request included."""
        if login != self.login:
            self.leave()
            self.login, self.at_entry = login, self.book.enter(login)
        return self.at_entry

    def leave(self) -> None:
        if self.login is not None:
            self.book.leave(self.login)
            self.login = None


TICKET = web.RequestKey("smsc_ticket", Ticket)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _query_login(state: MockState, request: web.Request) -> str | None:
    """The login the query string names, before anything else is read."""
    query = read_query(request)  # the handler reads it again from the request
    login = query.get("login", "")
    if login:
        return login
    key = query.get("apikey", "") or query.get("psw", "")
    account = state.accounts.by_api_key("smsc", key)
    return account.login if account is not None else None


def concurrent_requests(request: web.Request, login: str) -> int:
    """Requests of `login` in flight when this one was counted, itself included."""
    ticket = request.get(TICKET)
    return ticket.count_as(login) if ticket is not None else 1


def count_in_flight(paths: Collection[str]):
    """The middleware that counts requests to `paths`."""
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path not in paths:
            return await handler(request)
        state = request.app[STATE]
        ticket = request[TICKET] = Ticket(extension(state).in_flight)
        login = _query_login(state, request)
        if login is not None:
            ticket.count_as(login)
        try:
            return await handler(request)
        finally:
            ticket.leave()
    return middleware
