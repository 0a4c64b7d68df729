"""The aiohttp application: provider edges, the control plane and the inbox around one core."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
from aiohttp import web

from .core.accounts import NAMED_ACCOUNT
from .core.faults import FaultKind, FaultRule
from .core.messages import ChannelAttempt, Message, StatusChange
from .core.state import MockState
from .edge import EDGES, PROVIDER_PATHS, STATE, ProviderEdge
from .providers.http import BODY, client_address, violations_of

log = logging.getLogger("mockserver")

GARBAGE_BODY = b"\x00\xff<html><body>502 Bad Gat\xef\xbb"


async def _http_push(session: aiohttp.ClientSession, url: str, method: str,
                     params: dict[str, str], timeout_s: float) -> int:
    timeout = aiohttp.ClientTimeout(total=timeout_s)
    if method == "GET":
        request = session.get(url, params=params, timeout=timeout)
    else:
        request = session.post(url, data=params, timeout=timeout)
    async with request as response:
        await response.read()
        return response.status


async def _background(app: web.Application) -> AsyncIterator[None]:
    state = app[STATE]
    session = aiohttp.ClientSession()
    state.callbacks.transport = lambda url, method, params, timeout: _http_push(
        session, url, method, params, timeout)
    tasks = [asyncio.create_task(state.scheduler.run_forever()),
             asyncio.create_task(state.callbacks.run())]
    yield
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
    await session.close()


def _report_listener(app: web.Application):
    def on_change(message: Message, attempt: ChannelAttempt, change: StatusChange) -> None:
        state = app[STATE]
        edge = app[EDGES].get(message.provider)
        account = state.accounts.get(message.provider, message.login)
        if edge is None or edge.report is None or account is None or not account.callback_url:
            return
        params = edge.report(message, attempt, change)
        if params is not None:
            state.callbacks.push(message.id, message.provider, account.callback_url,
                                 account.callback_method, params)
    return on_change


async def _apply_fault(request: web.Request, fault: FaultRule,
                       handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
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


def _fault_request(request: web.Request, provider: str) -> dict[str, str]:
    return {"provider": provider, "path": request.path, "method": request.method,
            "login": request.query.get("login") or request.query.get("username") or ""}


@web.middleware
async def provider_middleware(request: web.Request, handler) -> web.StreamResponse:
    """Journal every provider request with its reply; inject the faults a test asked for."""
    provider = request.app[PROVIDER_PATHS].get(request.path)
    if provider is None:
        return await handler(request)
    state = request.app[STATE]
    started = state.clock.now()
    NAMED_ACCOUNT.set(None)
    fault = state.faults.pick(_fault_request(request, provider)) if state.faults.rules else None
    try:
        if fault is not None:
            response = await _apply_fault(request, fault, handler)
        else:
            response = await handler(request)
    except web.HTTPException as exc:
        response = exc
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("unexpected error on %s", request.path)
        edge = request.app[EDGES][provider]
        if edge.internal_error is None:
            raise
        response = edge.internal_error(request)
    body = getattr(response, "body", b"") or b""
    named = NAMED_ACCOUNT.get()
    state.journal.record(
        at=started, provider=provider, method=request.method, path=request.path,
        query=request.rel_url.raw_query_string,
        body=request.get(BODY, b""),
        remote=client_address(request), status=response.status,
        reply=body if isinstance(body, bytes) else b"", violations=violations_of(request),
        login=named.login if named is not None and named.provider == provider else "",
    )
    return response


def create_app(state: MockState, edges: list[ProviderEdge] | None = None,
               client_max_size: int | None = None) -> web.Application:
    from .admin.routes import setup_admin
    from .providers import all_edges
    from .web.inbox import setup_inbox

    app = web.Application(
        middlewares=[provider_middleware],
        client_max_size=client_max_size or state.limits.max_body_bytes,
    )
    app[STATE] = state
    app[EDGES] = {}
    app[PROVIDER_PATHS] = {}
    for edge in edges if edges is not None else all_edges():
        app[EDGES][edge.name] = edge
        app.router.add_routes(edge.routes)
        for route in edge.routes:
            app[PROVIDER_PATHS][route.path] = edge.name
    state.simulator.listeners.append(_report_listener(app))
    setup_admin(app)
    setup_inbox(app)
    app.cleanup_ctx.append(_background)
    return app
