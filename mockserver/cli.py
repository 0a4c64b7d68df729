"""mockserver serve: run the mock on a port, with the demo fixtures or your own."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import gc
import signal
import sys
from typing import NoReturn

from aiohttp import web

from .app import create_app
from .config import FixtureError, default_fixtures_path, load_files
from .core.clock import ClockMode
from .core.state import MockState
from .edge import EDGES


def build_state(fixture_paths: list[str] | None, clock: str | None = None) -> MockState:
    paths = fixture_paths or [default_fixtures_path()]
    return MockState(load_files(paths), clock_mode=ClockMode(clock) if clock else None)


def banner(app: web.Application, base_url: str) -> str:
    state = app[EDGES]
    lines = [f"mockserver listening on {base_url}", "", "provider endpoints:"]
    for name, edge in state.items():
        paths = sorted({route.path for route in edge.routes})
        lines.append(f"  {name:<10} " + "  ".join(paths))
    lines += [
        "",
        f"control plane: {base_url}/__admin/  (OpenAPI: {base_url}/__admin/openapi.json)",
        f"inbox:         {base_url}/__admin/inbox",
        "",
        "demo credentials: inteltele username=demo api_key=demo | "
        "targetsms login=demo password=demo | smsc login=demo psw=demo",
    ]
    return "\n".join(lines)


def _tune_garbage_collector() -> None:
    """A mock holds many small long-lived objects (messages, timers); full collections that
    walk them all on every few hundred allocations cost more than the cycles they find."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


async def serve(host: str, port: int, state: MockState) -> None:
    app = create_app(state)
    _tune_garbage_collector()
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        raise CannotListen(_listen_error(host, port, exc)) from exc
    bound = site._server.sockets[0].getsockname()[1] if site._server else port  # --port 0
    print(banner(app, f"http://{host}:{bound}"), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


class CannotListen(Exception):
    """The address or port cannot be bound; the message says which and what to do."""


def _listen_error(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} on {host} is already in use; stop what holds it, or pick "
                "another with --port (--port 0 picks a free one)")
    if exc.errno == errno.EACCES:
        return f"not allowed to listen on port {port} on {host}; use a port above 1023"
    reason = exc.strerror or str(exc)
    return f"cannot listen on {host} port {port}: {reason} (check --host and --port)"


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0..65535)")
    return port


class _Parser(argparse.ArgumentParser):
    """A bad option is one line naming it, not a usage block (--help still shows usage)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _run(coro) -> None:
    try:
        import uvloop  # the faster event loop, when installed
    except ImportError:
        asyncio.run(coro)
    else:
        uvloop.run(coro)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="mockserver", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    serve_cmd = commands.add_parser("serve", help="serve the provider APIs and the control plane")
    serve_cmd.add_argument("--host", default="127.0.0.1",
                           help="address to bind (default loopback; anything else is a choice)")
    serve_cmd.add_argument("--port", type=_port, default=8080, help="0 picks a free port")
    serve_cmd.add_argument("--fixtures", nargs="+", metavar="PATH",
                           help="fixtures files (TOML), later ones on top; default: the demo set")
    serve_cmd.add_argument("--clock", choices=[m.value for m in ClockMode],
                           help="real (default) or frozen at the fixtures' [clock] start")
    args = parser.parse_args(argv)
    try:
        state = build_state(args.fixtures, args.clock)
    except FixtureError as exc:
        print(f"mockserver: {exc}", file=sys.stderr)
        return 2
    try:
        with contextlib.suppress(KeyboardInterrupt):
            _run(serve(args.host, args.port, state))
    except CannotListen as exc:
        print(f"mockserver: {exc}", file=sys.stderr)
        return 1
    return 0
