"""The network faults a test asks for (/__admin/faults), applied to a provider request."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiohttp import web

from .core.faults import FaultKind, FaultRule
from .edge import EDGES, STATE

GARBAGE_BODY = b"\x00\xff<html><body>502 Bad Gat\xef\xbb"
# Faults after which the client gets no answer at all.
SILENT = frozenset({FaultKind.RESET, FaultKind.TIMEOUT})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def fault_for(request: web.Request, provider: str) -> FaultRule | None:
    """The fault that fires for this request, if any (each draw counts, so ask once)."""
    faults = request.app[STATE].faults
    if not faults.rules:
        return None
    fields = {"provider": provider, "path": request.path, "method": request.method, "login": ""}
    edge = request.app[EDGES][provider]
    # Finding the login may mean parsing the body, so only when some fault asks for it.
    if edge.login is not None and faults.match_on("login"):
        fields["login"] = await edge.login(request)
    return faults.pick(fields)


async def apply_fault(request: web.Request, fault: FaultRule, handler: Handler
                      ) -> web.StreamResponse:
    # These are network faults: they take wall-clock time, unlike the domain's timers.
    if fault.kind is FaultKind.DELAY:
        await asyncio.sleep(fault.delay_ms / 1000)
        return await handler(request)
    if fault.kind is FaultKind.STATUS:
        return web.Response(status=fault.status, text=f"{fault.status} injected fault")
    if fault.kind is FaultKind.GARBAGE:
        return web.Response(body=GARBAGE_BODY, content_type="text/html")
    if fault.kind is FaultKind.TIMEOUT:
        # Say nothing until the client gives up and hangs up (or ten minutes pass).
        for _ in range(1200):
            if request.transport is None or request.transport.is_closing():
                break
            await asyncio.sleep(0.5)
    transport = request.transport
    if transport is not None:
        transport.abort()
    raise asyncio.CancelledError
