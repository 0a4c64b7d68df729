"""Binding a port and serving until SIGINT/SIGTERM, for every command that listens (serve,
record): a port that cannot be bound is one sentence naming it, not a traceback."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import signal

from aiohttp import web


class CannotListen(Exception):
    """The address or port cannot be bound; the message says which and what to do."""


def _reason(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} on {host} is already in use; stop what holds it, or pick "
                "another with --port (--port 0 picks a free one)")
    if exc.errno == errno.EACCES:
        return f"not allowed to listen on port {port} on {host}; use a port above 1023"
    reason = exc.strerror or str(exc)
    return f"cannot listen on {host} port {port}: {reason} (check --host and --port)"


async def listen(runner: web.AppRunner, host: str, port: int) -> int:
    """Start serving `runner` (already set up) on host:port; returns the port bound (for 0)."""
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        raise CannotListen(_reason(host, port, exc)) from exc
    return site._server.sockets[0].getsockname()[1] if site._server else port


async def until_stopped(runner: web.AppRunner) -> None:
    """Serve until SIGINT or SIGTERM, then clean the runner up."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
