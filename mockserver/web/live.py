"""The inbox's live feed: server-sent events fed by the core's listeners.

The listeners run on the send path, so they only append a reference to each open stream's
queue; the stream's own task renders and writes what piled up, one batch per wake-up. Closing
the application closes every stream, so an open browser tab never holds up a shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque
from typing import Any

from aiohttp import web

from ..admin.routes import _matching, message_page
from ..core.clock import format_instant
from ..core.inbound import InboundMessage
from ..core.journal import JournalEntry
from ..core.messages import ChannelAttempt, Message, StatusChange
from ..core.state import MockState
from .answers import answer_matches
from .detail import entry_event, inbox_view
from .links import RequestLinks

QUEUE_LIMIT = 5_000  # events a slow tab may lag behind before it is told to reload
KEEPALIVE_S = 15.0  # a comment line now and then, so proxies keep the stream open
FIRST_SCREEN = 50  # messages in the first event, newest first


class Stream:
    """One open tab: what happened since its last write, and the filters it shows."""

    def __init__(self, query: dict[str, str], loop: asyncio.AbstractEventLoop) -> None:
        self.query = query
        self.pending: deque[tuple[str, Any]] = deque()
        self.overflowed = False
        self.closed = False
        self.wake = asyncio.Event()
        self.signalled = False  # woken and not yet drained: further events need no wake-up
        self._loop = loop

    def put(self, kind: str, item: Any) -> None:
        if len(self.pending) >= QUEUE_LIMIT:
            self.overflowed = True
            self.pending.clear()
        else:
            self.pending.append((kind, item))
        if not self.signalled:
            self.signalled = True
            self._signal()

    def close(self) -> None:
        self.closed = True
        self._signal()

    def _signal(self) -> None:
        try:
            same_loop = asyncio.get_running_loop() is self._loop
        except RuntimeError:
            same_loop = False
        if same_loop:
            self.wake.set()
        else:  # a test moved the clock from its own thread
            self._loop.call_soon_threadsafe(self.wake.set)


def _event(name: str, data: Any) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


class LiveFeed:
    def __init__(self, state: MockState, links: RequestLinks) -> None:
        self.state = state
        self.links = links
        self.streams: set[Stream] = set()
        state.messages.listeners.append(self.on_message)
        state.simulator.listeners.append(self.on_status)
        state.journal.listeners.append(self.on_entry)
        state.inbound.listeners.append(self.on_answer)

    # --- listeners: on the send path, so they only enqueue ---------------------------------
    def on_message(self, message: Message) -> None:
        self.links.on_message(message)
        for stream in self.streams:
            stream.put("message", message)

    def on_status(self, message: Message, attempt: ChannelAttempt, change: StatusChange) -> None:
        for stream in self.streams:
            stream.put("update", message)

    def on_entry(self, entry: JournalEntry) -> None:
        linked = self.links.on_entry(entry)
        if entry.violations:
            for stream in self.streams:
                stream.put("request", (entry, linked))

    def on_answer(self, answer: InboundMessage) -> None:
        for stream in self.streams:
            stream.put("inbound", answer)

    # --- rendering, in the stream's task -----------------------------------------------------
    def _matches(self, stream: Stream, message: Message) -> bool:
        return any(True for _ in _matching(self.state, stream.query, [message]))

    def render(self, stream: Stream) -> bytes:
        if stream.overflowed:
            stream.overflowed = False
            return _event("resync", {})
        batch, stream.pending = stream.pending, deque()
        chunks: list[bytes] = []
        updated: dict[str, Message] = {}  # a message's changes in one batch: its last state
        announced: set[str] = set()  # new in this batch: their view holds their last status
        for kind, item in batch:
            if kind == "message":
                if self._matches(stream, item):
                    announced.add(item.id)
                    chunks.append(_event("message", inbox_view(item, self.links)))
            elif kind == "update":
                updated[item.id] = item
            elif kind == "inbound":
                if answer_matches(stream.query, item):
                    chunks.append(_event("inbound", item.to_mapping()))
            else:
                chunks.append(_event("violation", entry_event(*item)))
        for message in updated.values():
            if message.id in announced:
                continue
            view = inbox_view(message, self.links)
            chunks.append(_event("update", view | {"matches": self._matches(stream, message)}))
        chunks.append(_event("clock", self.clock_view()))
        return b"".join(chunks)

    def clock_view(self) -> dict[str, str]:
        clock = self.state.clock
        return {"now": format_instant(clock.now()), "mode": str(clock.mode)}

    def first_screen(self, query) -> dict[str, Any]:
        """The newest page for the stream's filters, sent with its first event: the tab shows
        it at once, and no message falls between the page and the stream."""
        found, following = message_page(self.state, {**query, "order": "desc",
                                                     "limit": str(FIRST_SCREEN)})
        return {"messages": [inbox_view(m, self.links) for m in found], "next": following}

    async def serve(self, request: web.Request) -> web.StreamResponse:
        query = {k: v for k, v in request.query.items() if k not in ("order", "limit", "before")}
        stream = Stream(query, asyncio.get_running_loop())
        hello = self.clock_view() | self.first_screen(query) | {
            "violations": sum(len(entry.violations) for entry in self.state.journal)}
        self.streams.add(stream)  # from here on, nothing after the first screen is missed
        response = web.StreamResponse(headers={
            "Content-Type": "text/event-stream", "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no"})
        try:
            await response.prepare(request)
            await response.write(b"retry: 1000\n\n" + _event("hello", hello))
            while not stream.closed:
                try:
                    await asyncio.wait_for(stream.wake.wait(), KEEPALIVE_S)
                except TimeoutError:
                    await response.write(b": keep-alive\n\n")
                    continue
                stream.wake.clear()
                stream.signalled = False
                if not stream.closed:
                    await response.write(self.render(stream))
        except (ConnectionResetError, ConnectionError):
            pass  # the tab went away
        finally:
            self.streams.discard(stream)
        with contextlib.suppress(ConnectionError):
            await response.write_eof()
        return response

    async def close_all(self, app: web.Application | None = None) -> None:
        for stream in list(self.streams):
            stream.close()
