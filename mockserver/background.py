"""What runs beside the requests: the real-mode scheduler, and delivery reports pushed to the
accounts' URLs (the core decides what and when; this is the HTTP client that carries them)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web

from .core.messages import ChannelAttempt, Message, StatusChange
from .edge import EDGES, STATE


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


async def background_tasks(app: web.Application) -> AsyncIterator[None]:
    """The application's cleanup context: started with the server, stopped with it."""
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


def report_listener(app: web.Application):
    """A status change -> the provider's delivery report, queued for the account's URL."""
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
