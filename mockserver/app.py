"""The aiohttp application: provider edges, the control plane and the inbox around one core."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime

import aiohttp
from aiohttp import web

from .core.accounts import NAMED_ACCOUNT
from .core.faults import FaultKind, FaultRule
from .core.journal import Violation
from .core.messages import ChannelAttempt, Message, StatusChange
from .core.state import MockState
from .edge import EDGES, PROVIDER_PATHS, STATE, ProviderEdge
from .providers.http import BODY, BODY_CHARSET, client_address, violations_of
from .unmatched import connect_refused, not_found

log = logging.getLogger("mockserver")
ADMIN_PREFIX = "/__admin"
# The inbox's root, and what a browser asks for beside it: not a client's mistake.
BROWSER_PATHS = frozenset({"/", "/favicon.ico"})

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


async def _fault_request(request: web.Request, provider: str) -> dict[str, str]:
    fields = {"provider": provider, "path": request.path, "method": request.method, "login": ""}
    edge = request.app[EDGES][provider]
    # Finding the login may mean parsing the body, so only when some fault asks for it.
    if edge.login is not None and request.app[STATE].faults.match_on("login"):
        fields["login"] = await edge.login(request)
    return fields


def _journal(request: web.Request, provider: str | None, started: datetime,
             response: web.StreamResponse, violations: list[Violation]) -> None:
    body = getattr(response, "body", b"") or b""
    named = NAMED_ACCOUNT.get()  # the account the request named, if an edge found one
    request.app[STATE].journal.record(
        at=started, provider=provider, method=request.method, path=request.path,
        query=request.rel_url.raw_query_string,
        body=request.get(BODY, b""), body_charset=request.get(BODY_CHARSET) or request.charset,
        remote=client_address(request), status=response.status,
        reply=body if isinstance(body, bytes) else b"", reply_charset=response.charset,
        violations=violations, content_type=request.headers.get("Content-Type", ""),
        reply_type=response.headers.get("Content-Type", ""),
        login=named.login if named and named.provider == provider else "",
    )


async def _journal_no_answer(request: web.Request, provider: str, started: datetime) -> None:
    """A dropped connection or a silence, journaled as no answer (status 0) when it arrives, so
    that a recording keeps every request, and every draw of the seed, in its place."""
    if request.body_exists:
        with contextlib.suppress(web.HTTPException):
            request[BODY] = await request.read()
    request.app[STATE].journal.record(
        at=started, provider=provider, method=request.method, path=request.path,
        query=request.rel_url.raw_query_string,
        body=request.get(BODY, b""), body_charset=request.get(BODY_CHARSET) or request.charset,
        remote=client_address(request), status=0, reply=b"", violations=violations_of(request),
        content_type=request.headers.get("Content-Type", ""))


async def _unmatched(request: web.Request, handler) -> web.StreamResponse:
    """The control plane and the inbox answer for themselves; anything else no route has is
    journaled as unmatched and answered with the nearest known path."""
    started = request.app[STATE].clock.now()
    if request.method == "CONNECT":
        response, violation = connect_refused(request)
        _journal(request, None, started, response, [violation])
        # The parser took the CONNECT for a tunnel about to open: say no, then hang up.
        await response.prepare(request)
        await response.write_eof()
        if request.transport is not None:
            request.transport.close()
        return response
    try:
        return await handler(request)
    except web.HTTPNotFound:
        if request.path in BROWSER_PATHS or request.path.startswith(ADMIN_PREFIX):
            raise
    response, violation = not_found(request)
    if request.body_exists:
        with contextlib.suppress(web.HTTPException):
            request[BODY] = await request.read()
    _journal(request, None, started, response, [violation])
    return response


@web.middleware
async def provider_middleware(request: web.Request, handler) -> web.StreamResponse:
    """Journal every provider request with its reply; inject the faults a test asked for."""
    provider = request.app[PROVIDER_PATHS].get(request.path)
    if provider is None:
        return await _unmatched(request, handler)
    state = request.app[STATE]
    started = state.clock.now()
    NAMED_ACCOUNT.set(None)
    try:
        fault = None
        if state.faults.rules:
            fault = state.faults.pick(await _fault_request(request, provider))
        if fault is not None and fault.kind in (FaultKind.RESET, FaultKind.TIMEOUT):
            await _journal_no_answer(request, provider, started)
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
    _journal(request, provider, started, response, violations_of(request))
    return response


def create_app(state: MockState, edges: list[ProviderEdge] | None = None,
               client_max_size: int | None = None) -> web.Application:
    from .admin.routes import setup_admin
    from .providers import all_edges
    from .web.inbox import setup_inbox

    edges = edges if edges is not None else all_edges()
    max_size = client_max_size or state.limits.max_body_bytes
    # A URL may be as long as a body (PHP clients put whole messages in GET queries).
    app = web.Application(
        middlewares=[*(m for edge in edges for m in edge.middlewares), provider_middleware],
        client_max_size=max_size, handler_args={"max_line_size": max_size})
    app[STATE] = state
    app[EDGES] = {}
    app[PROVIDER_PATHS] = {}
    for edge in edges:
        app[EDGES][edge.name] = edge
        app.router.add_routes(edge.routes)
        for route in edge.routes:
            app[PROVIDER_PATHS][route.path] = edge.name
        if edge.money_step is not None:
            state.pricing.money_steps[edge.name] = edge.money_step
        if edge.setup is not None:
            edge.setup(state)
    state.simulator.listeners.append(_report_listener(app))
    setup_admin(app)
    setup_inbox(app)
    app.cleanup_ctx.append(_background)
    return app
