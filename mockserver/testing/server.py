"""A mock running in a background thread of the test process, on its own event loop."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections import deque
from collections.abc import Callable
from typing import TypeVar

from aiohttp import web

from ..app import create_app
from ..core.state import MockState
from ..http_server import MockRunner

T = TypeVar("T")


class BackgroundServer:
    """Starts on a free loopback port; `url` is where the application under test points."""

    def __init__(self, state: MockState, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state
        self.host = host
        self.port = port
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="sms-mock",
                                        daemon=True)
        self._runner: MockRunner | None = None
        # Run on the loop before the next request is handled (deque: safe across threads).
        self._before_next_request: deque[Callable[[], None]] = deque()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> BackgroundServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=30)
        return self

    async def _start(self) -> None:
        app = create_app(self.state)
        app.middlewares.insert(0, self._run_queued)
        self._runner = MockRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # the free port picked

    def before_next_request(self, action: Callable[[], None]) -> None:
        """Have the loop run `action` before it handles the next request, whatever it is.
        Costs the caller nothing: no thread hand-over, no HTTP. Everything a test does to
        the mock is a request, so the action is in place for all of it."""
        self._before_next_request.append(action)

    def call(self, action: Callable[[], T]) -> T:
        """Run `action` on the mock's own loop now and return what it returns. Whatever was
        queued for the next request is dropped: this comes after it."""
        self._before_next_request.clear()
        done: concurrent.futures.Future[T] = concurrent.futures.Future()

        def run() -> None:
            try:
                done.set_result(action())
            except BaseException as exc:  # raised in the caller's thread
                done.set_exception(exc)

        self._loop.call_soon_threadsafe(run)
        return done.result(timeout=30)

    @web.middleware
    async def _run_queued(self, request: web.Request, handler) -> web.StreamResponse:
        queued = self._before_next_request
        while queued:
            queued.popleft()()
        return await handler(request)

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
