"""The contract between the application and its parts: what a provider edge contributes, and
the keys under which the core hangs off the aiohttp application.

A leaf module: providers, the control plane and the inbox import it; it imports only the core."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal

from aiohttp import web

from .core.messages import ChannelAttempt, Message, StatusChange
from .core.state import MockState

# Given a status change, the parameters of the delivery report to push (None: no report).
ReportFormatter = Callable[[Message, ChannelAttempt, StatusChange], dict[str, str] | None]


@dataclass(frozen=True, slots=True)
class ProviderEdge:
    """What a provider package contributes to the application."""

    name: str
    routes: list[web.RouteDef]
    report: ReportFormatter | None = None
    # The body a provider answers with when the mock itself fails (never a bare 500).
    internal_error: Callable[[web.Request], web.Response] | None = None
    # The login a request speaks for, wherever its wire carries it ("" if none): for faults.
    login: Callable[[web.Request], Awaitable[str]] | None = None
    # The smallest amount the provider's wire writes (0.01: whole kopecks); its accounts'
    # prices are rounded to it. None: amounts keep the precision they are given.
    money_step: Decimal | None = None
    # Middlewares around the whole of a request, outside the journal and the faults, so that
    # they see it from its arrival (each passes other paths through untouched).
    middlewares: tuple[Callable, ...] = ()
    # Wires the edge to the core once the application is made (e.g. listens for answers).
    setup: Callable[[MockState], None] | None = None
    # The edge pushes notifications of its own through `setup` (SMSC: statuses signed with the
    # account's password, incoming messages), in place of a report formatter.
    notifies: bool = False

    @property
    def pushes_reports(self) -> bool:
        return self.report is not None or self.notifies


def check_callback(edge: ProviderEdge | None, callback_url: str) -> None:
    """An account's callback_url is refused where the mock pushes no delivery reports for its
    provider (TargetSMS documents none): kept, it would silently never be called."""
    if callback_url and edge is not None and not edge.pushes_reports:
        raise ValueError(
            f"callback_url: the mock pushes no {edge.name} delivery reports ({edge.name} "
            "documents none here), so it would never be called; read statuses through the "
            "status API instead")


STATE = web.AppKey("state", MockState)
EDGES = web.AppKey("edges", dict)  # provider name -> ProviderEdge
PROVIDER_PATHS = web.AppKey("provider_paths", dict)  # path -> provider name
