"""Fixtures shared by the contract tests."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from mockserver.cli import build_state
from mockserver.testing.server import BackgroundServer

from .crashes import CrashWatch


@pytest.fixture(autouse=True)
def crash_watch():
    """Every contract test fails if the mock logged an unexpected exception while it ran, in
    process or on the live socket, even when the client got a well-formed reply."""
    with CrashWatch() as watch:
        yield watch
        watch.check()

# A user project with its own pytest settings, run on its own by serving/test_plugin_example.
collect_ignore = ["plugin_example"]


@pytest.fixture(scope="module")
def live():
    """A mock from the demo fixtures, frozen clock, on a real socket for the whole module."""
    with BackgroundServer(build_state(None, clock="frozen")) as server:
        yield server


@pytest.fixture
async def receiver(aiohttp_server):
    """A test HTTP server standing in for the client's handler of pushed reports: the URL, a
    queue of (method, parameters) received, and the statuses to answer with (200 once empty)."""
    received: asyncio.Queue = asyncio.Queue()
    answers: list[int] = []

    async def handle(request: web.Request) -> web.Response:
        params = dict(request.query) if request.method == "GET" else dict(await request.post())
        await received.put((request.method, params))
        return web.Response(status=answers.pop(0) if answers else 200)

    app = web.Application()
    app.router.add_route("*", "/reports", handle)
    server = await aiohttp_server(app)
    return str(server.make_url("/reports")), received, answers
