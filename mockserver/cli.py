"""mockserver serve: run the mock on a port, with the demo fixtures or your own."""

# Each command imports what it runs when it runs, with the collector paused (gc_policy): a
# start-up creates only what lives as long as the process, and collecting it is wasted time.

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING, NoReturn

from . import gc_policy

if TYPE_CHECKING:
    from aiohttp import web

    from .core.state import MockState


def build_state(fixture_paths: list[str] | None, clock: str | None = None,
                max_messages: int | None = None, scenarios: list[str] | None = None,
                demo: bool = True) -> MockState:
    """The demo set (unless demo is False), the fixtures files and the scenarios, layered."""
    from .config import load_layers
    from .core.clock import ClockMode
    from .core.state import MockState

    fixtures = load_layers(fixture_paths, scenarios, demo=demo)
    if max_messages is not None:
        fixtures.limits["max_messages"] = max_messages
    return MockState(fixtures, clock_mode=ClockMode(clock) if clock else None)


def banner(app: web.Application, base_url: str) -> str:
    from .edge import EDGES

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


async def serve(host: str, port: int, state: MockState) -> None:
    from .app import create_app
    from .http_server import MockRunner
    from .listening import listen, until_stopped

    app = create_app(state)
    state.on_reset(gc_policy.release)
    runner = MockRunner(app, access_log=None)
    await runner.setup()
    bound = await listen(runner, host, port)  # --port 0: the free port picked
    gc_policy.install()  # started: from here on, the serving policy
    print(banner(app, f"http://{host}:{bound}"), flush=True)
    await until_stopped(runner)


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
        import asyncio

        asyncio.run(coro)
    else:
        uvloop.run(coro)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    gc_policy.pause()
    try:
        return _main(argv)
    finally:
        gc_policy.resume()  # whatever happened; serving has installed its policy already


def _main(argv: list[str] | None) -> int:
    from .config import FixtureError
    from .core.clock import ClockMode
    from .listening import CannotListen
    from .replay.commands import add_replay_commands

    parser = _Parser(prog="mockserver", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    serve_cmd = commands.add_parser("serve", help="serve the provider APIs and the control plane")
    serve_cmd.add_argument("--host", default="127.0.0.1",
                           help="address to bind (default loopback; anything else is a choice)")
    serve_cmd.add_argument("--port", type=_port, default=8080, help="0 picks a free port")
    serve_cmd.add_argument("--fixtures", nargs="+", metavar="PATH",
                           help="fixtures files (TOML) layered on the demo set, later ones on top")
    serve_cmd.add_argument("--scenario", action="append", metavar="NAME|PATH",
                           help="a shipped scenario or a scenario file on top (repeatable)")
    serve_cmd.add_argument("--no-demo", action="store_true",
                           help="start from nothing instead of the demo set")
    serve_cmd.add_argument("--clock", choices=[m.value for m in ClockMode],
                           help="real (default) or frozen at the fixtures' [clock] start")
    serve_cmd.add_argument("--max-messages", type=_positive_int, metavar="N",
                           help="messages kept before the oldest settled ones are evicted "
                                "(default: [limits] max_messages, 1000000)")
    add_replay_commands(commands)
    args = parser.parse_args(argv)
    try:
        if args.command != "serve":
            gc_policy.resume()
            return args.run(args)
        try:
            state = build_state(args.fixtures, args.clock, args.max_messages, args.scenario,
                                demo=not args.no_demo)
        except FixtureError as exc:
            print(f"mockserver: {exc}", file=sys.stderr)
            return 2
        with contextlib.suppress(KeyboardInterrupt):
            _run(serve(args.host, args.port, state))
    except CannotListen as exc:
        print(f"mockserver: {exc}", file=sys.stderr)
        return 1
    return 0
