"""The contract between the application and its parts: what a provider edge contributes, and
the keys under which the core hangs off the aiohttp application.

A leaf module: providers, the control plane and the inbox import it; it imports only the core."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

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


STATE = web.AppKey("state", MockState)
EDGES = web.AppKey("edges", dict)  # provider name -> ProviderEdge
PROVIDER_PATHS = web.AppKey("provider_paths", dict)  # path -> provider name
