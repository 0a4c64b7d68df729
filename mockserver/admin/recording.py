"""Recordings and scenarios on the control plane.

    GET  /__admin/requests/export   the journal as JSON lines, with the control-plane calls that
                                    changed behaviour in their place in time (a recording)
    GET  /__admin/scenarios         the scenarios that ship, with their descriptions

The control-plane calls are noted by a middleware as they succeed; a reset starts a new
recording, as it empties the journal."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiohttp import web

from ..config import load_file, shipped_scenarios
from ..core.clock import format_instant
from ..core.journal import JournalEntry
from ..edge import STATE
from ..replay import lines
from .views import message_view


@dataclass(slots=True)
class ControlLog:
    """The behaviour-changing control-plane calls since the last reset, each placed after the
    last provider request journaled before it."""

    start: datetime
    seed: int
    calls: deque[tuple[int, dict[str, Any]]] = field(default_factory=lambda: deque(maxlen=10_000))


CONTROL_LOG = web.AppKey("control_log", ControlLog)


@web.middleware
async def note_control_calls(request: web.Request, handler) -> web.StreamResponse:
    if not lines.changes_behaviour(request.method, request.path):
        return await handler(request)
    state = request.app[STATE]
    log = request.app[CONTROL_LOG]
    at = state.clock.now()
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        return await handler(request)  # refused by the handler, in the control plane's words
    message = None
    if request.path.endswith("/events"):
        found = state.messages.get(request.path.split("/")[-2])
        message = message_view(found) if found is not None else None
    response = await handler(request)
    if response.status >= 300:
        return response
    if request.path == "/__admin/reset":
        log.calls.clear()
        log.start, log.seed = state.clock.now(), state.seed
    body = lines.control_body(raw, request.content_type)
    line = lines.control_line(at=format_instant(at), method=request.method, path=request.path,
                              body=body, status=response.status, message=message,
                              content_type=request.content_type)
    log.calls.append((state.journal.last_id, line))
    return response


def request_line(entry: JournalEntry) -> dict[str, Any]:
    return lines.request_line(
        at=format_instant(entry.at), provider=entry.provider, method=entry.method,
        path=entry.path, query=entry.query, content_type=entry.content_type,
        remote=entry.remote, body=entry.raw_body, status=entry.status,
        reply_type=entry.reply_type, reply=entry.raw_reply)


async def export(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE]
    log = request.app[CONTROL_LOG]
    response = web.StreamResponse(headers={"Content-Type": "application/x-ndjson"})
    await response.prepare(request)
    await response.write(lines.dumps(lines.header(format_instant(log.start), log.seed)).encode())
    calls = list(log.calls)
    position = 0
    for entry in list(state.journal):
        chunk = []
        while position < len(calls) and calls[position][0] < entry.id:
            chunk.append(lines.dumps(calls[position][1]))
            position += 1
        chunk.append(lines.dumps(request_line(entry)))
        await response.write("".join(chunk).encode())
    rest = "".join(lines.dumps(line) for _, line in calls[position:])
    await response.write(rest.encode())
    await response.write_eof()
    return response


async def list_scenarios(request: web.Request) -> web.Response:
    return web.json_response({"scenarios": [
        {"name": name, "description": load_file(path).description}
        for name, path in shipped_scenarios().items()]})


def setup_recording(app: web.Application) -> None:
    state = app[STATE]
    log = ControlLog(state.clock.now(), state.seed)
    app[CONTROL_LOG] = log
    app.middlewares.append(note_control_calls)
    app.router.add_get("/__admin/requests/export", export)
    app.router.add_get("/__admin/scenarios", list_scenarios)
