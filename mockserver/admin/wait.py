"""GET /__admin/messages/wait: answer as soon as a message matching the filters exists.

The wait is woken by the core's own events: a message stored (`MessageStore.listeners`) or a
status change (`DeliverySimulator.listeners`), so it answers in the same turn of the loop as
the send or the clock move that made it true, and never polls. Its timeout is wall-clock time
(how long the HTTP call may block); what it waits for happens on the mock's clock, so with a
frozen clock a wait for `status=delivered` answers when a clock move makes the delivery due.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Mapping
from typing import Any

from aiohttp import web

from ..core.clock import parse_instant
from ..core.messages import ChannelAttempt, Message, Status, StatusChange
from ..core.state import MockState
from .routes import PREFIX, AdminError, _matching, ok, state_of
from .views import message_view

DEFAULT_TIMEOUT_S = 5.0
MAX_TIMEOUT_S = 60.0
CANDIDATES_SHOWN = 20  # the newest ones, so a 408 stays readable
FILTERS = ("provider", "login", "phone", "phone_prefix", "text", "channel", "status",
           "provider_id")  # those of GET /__admin/messages

wait_routes = web.RouteTableDef()


def _timeout(query: Mapping[str, str]) -> float:
    raw = query.get("timeout")
    if raw is None or raw == "":
        return DEFAULT_TIMEOUT_S
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not 0 <= seconds <= MAX_TIMEOUT_S:  # NaN fails too
        raise AdminError(400, "invalid_timeout",
                         f"timeout is a number of seconds from 0 to {MAX_TIMEOUT_S:g}, "
                         f"not {raw!r}")
    return seconds


def _newer_than(state: MockState, after: str | None) -> Callable[[Message], bool]:
    """`after` is a message id (messages stored after it) or an instant (created after it)."""
    if not after:
        return lambda message: True
    place = state.messages.arrival(after)
    if place is not None:
        return lambda message: (state.messages.arrival(message.id) or -1) > place
    try:
        instant = parse_instant(after)
    except ValueError:
        raise AdminError(400, "invalid_after",
                         f"after is a message id or an ISO 8601 instant; {after!r} is neither "
                         "(a message id must name a message the mock holds)") from None
    return lambda message: message.created_at > instant


def _status_filter(query: Mapping[str, str]) -> None:
    status = query.get("status")
    if status and status not in {s.value for s in Status}:
        raise AdminError(400, "invalid_status",
                         f"status is one of {[s.value for s in Status]}, not {status!r}")


class _Wait:
    """One pending wait: its filters, and the first match once an event brings one."""

    def __init__(self, state: MockState, query: Mapping[str, str]) -> None:
        self.state = state
        self.filters = {name: query[name] for name in FILTERS if query.get(name)}
        self.newer = _newer_than(state, query.get("after"))
        self.loop = asyncio.get_running_loop()
        self.found: asyncio.Future[dict[str, Any]] = self.loop.create_future()

    def check(self, event_of: Message | None = None) -> None:
        """Look for a match: among all messages, or (on an event) the message it is about.
        Only an event on a message can make that message match, so an event costs a look
        at that one message, never a scan of the store."""
        if self.found.done():
            return
        candidates = _matching(self.state, self.filters,
                               candidates=None if event_of is None else [event_of])
        message = next((m for m in candidates if self.newer(m)), None)
        if message is not None:
            # The view is taken now: a clock move may carry the message on past this status.
            self.found.set_result(message_view(message))

    def on_stored(self, message: Message) -> None:
        # Looked at once the send that stored it is over, so the message is seen whole.
        self.loop.call_soon(self.check, message)

    def on_status(self, message: Message, attempt: ChannelAttempt, change: StatusChange) -> None:
        self.check(message)  # at once: a status that is passed through still counts

    def candidates(self) -> list[dict[str, Any]]:
        scope = {name: self.filters[name] for name in ("provider", "login") if name in self.filters}
        found = [m for m in _matching(self.state, scope) if self.newer(m)]
        return [message_view(message) for message in found[-CANDIDATES_SHOWN:]]

    def describe(self) -> str:
        return ", ".join(f"{name}={value}" for name, value in self.filters.items()) or "any"


@wait_routes.get(PREFIX + "/messages/wait")
async def wait_for_message(request: web.Request) -> web.Response:
    query = request.query
    timeout = _timeout(query)
    _status_filter(query)
    state = state_of(request)
    wait = _Wait(state, query)
    wait.check()
    if not wait.found.done():
        state.messages.listeners.append(wait.on_stored)
        state.simulator.listeners.append(wait.on_status)
        try:
            await asyncio.wait_for(asyncio.shield(wait.found), timeout)
        except TimeoutError:
            candidates = wait.candidates()
            return web.json_response({
                "error": {"code": "wait_timeout", "message": (
                    f"no message matching {wait.describe()} within {timeout:g}s; "
                    f"{len(candidates)} other message(s) listed in candidates")},
                "candidates": candidates,
            }, status=408)
        finally:
            state.messages.listeners.remove(wait.on_stored)
            state.simulator.listeners.remove(wait.on_status)
    return ok({"message": wait.found.result()})
