"""A recording proxy: forwards every request to an upstream (a real gateway or another mock),
answers with what the upstream answered, and writes each exchange to a recording.

When the upstream is a mock, each line carries the instant on the upstream's clock, and the
control-plane calls that change behaviour are recorded too; otherwise instants are UTC."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import IO, Any

import aiohttp
from aiohttp import web
from multidict import CIMultiDict
from yarl import URL

from ..core.clock import format_instant
from ..providers import all_edges
from . import lines

UPSTREAM = web.AppKey("upstream", str)
SESSION = web.AppKey("session", aiohttp.ClientSession)
OUT = web.AppKey("out", IO)
PATHS = web.AppKey("paths", dict)  # provider path -> provider name
IS_MOCK = web.AppKey("is_mock", bool)
# Headers that describe one hop, not the message: never forwarded either way.
HOP_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length",
                         "host", "content-encoding", "proxy-connection", "te", "upgrade"})


def provider_paths() -> dict[str, str]:
    return {route.path: edge.name for edge in all_edges() for route in edge.routes}


async def _upstream_json(app: web.Application, path: str) -> Any:
    async with app[SESSION].get(app[UPSTREAM] + path) as response:
        if response.status != 200:
            return None
        return await response.json(content_type=None)


async def _instant(app: web.Application) -> str:
    if app[IS_MOCK]:
        clock = await _upstream_json(app, "/__admin/clock")
        if clock and "now" in clock:
            return clock["now"]
    return format_instant(datetime.now(UTC))


def _write(app: web.Application, line: dict[str, Any]) -> None:
    out = app[OUT]
    out.write(lines.dumps(line))
    out.flush()


async def forward(request: web.Request) -> web.StreamResponse:
    app = request.app
    body = await request.read()
    at = await _instant(app)
    control = lines.changes_behaviour(request.method, request.path) and app[IS_MOCK]
    message = None
    if control and request.path.endswith("/events"):
        message = await _upstream_json(app, request.path.removesuffix("/events"))
    headers = CIMultiDict((name, value) for name, value in request.headers.items()
                          if name.lower() not in HOP_HEADERS)
    headers.setdefault("X-Forwarded-For", request.remote or "")
    url = URL(app[UPSTREAM] + request.raw_path, encoded=True)
    try:
        async with app[SESSION].request(request.method, url, data=body or None,
                                        headers=headers, allow_redirects=False) as upstream:
            reply = await upstream.read()
            status, reply_type = upstream.status, upstream.headers.get("Content-Type", "")
            reply_headers = {name: value for name, value in upstream.headers.items()
                             if name.lower() not in HOP_HEADERS | {"date", "server"}}
    except (TimeoutError, aiohttp.ClientError):
        status, reply_type, reply, reply_headers = 0, "", b"", {}
    provider = app[PATHS].get(request.path)
    if provider is not None:
        _write(app, lines.request_line(
            at=at, provider=provider, method=request.method, path=request.path,
            query=request.rel_url.raw_query_string,
            content_type=request.headers.get("Content-Type", ""),
            remote=headers["X-Forwarded-For"], body=body, status=status,
            reply_type=reply_type, reply=reply))
    elif control and 200 <= status < 300:
        document = lines.control_body(body, request.content_type)
        _write(app, lines.control_line(at=at, method=request.method, path=request.path,
                                       body=document, status=status, message=message,
                                       content_type=request.content_type))
    if status == 0:  # the upstream dropped the connection or said nothing: so do we
        if request.transport is not None:
            request.transport.abort()
        raise asyncio.CancelledError
    return web.Response(status=status, body=reply, headers=reply_headers)


async def _lifecycle(app: web.Application):
    app[SESSION] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
    try:
        health = await _upstream_json(app, "/__admin/health")
    except aiohttp.ClientError:
        health = None
    app[IS_MOCK] = bool(health and health.get("status") == "ok")
    clock = await _upstream_json(app, "/__admin/clock") if app[IS_MOCK] else None
    start = clock["now"] if clock else format_instant(datetime.now(UTC))
    _write(app, lines.header(start, health.get("seed") if app[IS_MOCK] and health else None))
    yield
    await app[SESSION].close()


def proxy_app(upstream: str, out: IO[str]) -> web.Application:
    app = web.Application(client_max_size=64 * 1024 * 1024)
    app[UPSTREAM] = upstream.rstrip("/")
    app[OUT] = out
    app[PATHS] = provider_paths()
    app.cleanup_ctx.append(_lifecycle)
    app.router.add_route("*", "/{tail:.*}", forward)
    return app
