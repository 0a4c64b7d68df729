"""Around every request: the journal of provider requests (with their replies and the
violations found in them), the faults a test asked for, and the answer to a path no provider
has.

A provider request goes from here straight to its route's handler: the middlewares the
control plane adds after this one (its error shape, the recording of its calls) concern its
own paths, and would only cost every provider request a layer each."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime
from functools import lru_cache

from aiohttp import web
from aiohttp.helpers import parse_content_type

from .core.accounts import NAMED_ACCOUNT
from .core.journal import Violation
from .edge import EDGES, PROVIDER_PATHS, STATE
from .fault_injection import SILENT, apply_fault, fault_for
from .providers.http import BODY, BODY_CHARSET, client_address, violations_of
from .unmatched import connect_refused, not_found

log = logging.getLogger("mockserver")
ADMIN_PREFIX = "/__admin"
# The inbox's root, and what a browser asks for beside it: not a client's mistake.
BROWSER_PATHS = frozenset({"/", "/favicon.ico"})


@lru_cache(maxsize=256)
def _charset_of(content_type: str) -> str | None:
    """The charset a Content-Type names, read as aiohttp reads a request's or response's
    `charset`, without the header look-ups and copies those properties make each time."""
    return parse_content_type(content_type)[1].get("charset") if content_type else None


def _journal(request: web.Request, provider: str | None, started: datetime,
             response: web.StreamResponse | None, violations: list[Violation]) -> None:
    """One journal entry; no response means the client got none (status 0)."""
    content_type = request.headers.get("Content-Type", "")
    if response is not None:
        body = getattr(response, "body", b"") or b""
        status = response.status
        reply_type = response.headers.get("Content-Type", "")
    else:
        body, status, reply_type = b"", 0, ""
    named = NAMED_ACCOUNT.get()  # the account the request named, if an edge found one
    request.app[STATE].journal.record(
        at=started, provider=provider, method=request.method, path=request.path,
        query=request.rel_url.raw_query_string, body=request.get(BODY, b""),
        body_charset=request.get(BODY_CHARSET) or _charset_of(content_type),
        remote=client_address(request), status=status,
        reply=body if isinstance(body, bytes) else b"", reply_charset=_charset_of(reply_type),
        violations=violations, content_type=content_type, reply_type=reply_type,
        login=named.login if named is not None and named.provider == provider else "",
    )


async def _read_body(request: web.Request) -> None:
    """Keep the body for the journal where no handler will read it."""
    if request.body_exists:
        with contextlib.suppress(web.HTTPException):
            request[BODY] = await request.read()


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
    await _read_body(request)
    _journal(request, None, started, response, [violation])
    return response


@web.middleware
async def provider_middleware(request: web.Request, handler) -> web.StreamResponse:
    """Journal every provider request with its reply; inject the faults a test asked for."""
    app = request.app
    provider = app[PROVIDER_PATHS].get(request.path)
    if provider is None:
        return await _unmatched(request, handler)
    state = app[STATE]
    started = state.clock.now()
    NAMED_ACCOUNT.set(None)
    handler = request.match_info.handler  # past the control plane's middlewares
    try:
        fault = await fault_for(request, provider) if state.faults.rules else None
        if fault is None:
            response = await handler(request)
        else:
            if fault.kind in SILENT:
                # Journaled as it arrives, so that a recording keeps every request, and every
                # draw of the seed, in its place.
                await _read_body(request)
                _journal(request, provider, started, None, violations_of(request))
            response = await apply_fault(request, fault, handler)
    except web.HTTPException as exc:
        response = exc
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("unexpected error on %s", request.path)
        edge = app[EDGES][provider]
        if edge.internal_error is None:
            raise
        response = edge.internal_error(request)
    _journal(request, provider, started, response, violations_of(request))
    return response
