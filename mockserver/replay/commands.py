"""mockserver record | replay: the command-line side of recordings.

    mockserver record --url URL --out FILE              save a running mock's recording
    mockserver record --upstream URL --port P --out FILE  a recording proxy in front of URL
    mockserver replay FILE --target URL [--report FILE]   re-send it; exit 1 on a difference
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import urllib.error
from typing import TYPE_CHECKING

from aiohttp import web

from ..listening import listen, until_stopped
from . import lines

if TYPE_CHECKING:
    from .replay import Difference

# Each command imports what it runs when it runs, so that `mockserver serve` loads none of it.


def add_replay_commands(commands) -> None:
    record = commands.add_parser("record", help="save a recording: from a mock, or as a proxy")
    source = record.add_mutually_exclusive_group(required=True)
    source.add_argument("--url", help="a running mock whose journal to save")
    source.add_argument("--upstream", help="forward to this server and record what it answers")
    record.add_argument("--out", required=True, metavar="FILE", help="the recording (JSON lines)")
    record.add_argument("--host", default="127.0.0.1", help="the proxy's address")
    record.add_argument("--port", type=int, default=8081, help="the proxy's port; 0 picks one")
    record.set_defaults(run=run_record)

    replay = commands.add_parser("replay", help="replay a recording and compare the replies")
    replay.add_argument("recording", metavar="FILE")
    replay.add_argument("--target", required=True, metavar="URL", help="where to send it")
    replay.add_argument("--report", metavar="FILE", help="write the differences as JSON")
    replay.add_argument("--no-reset", action="store_true",
                        help="do not reset a mock target first (its ids and clock go on)")
    replay.add_argument("--timeout", type=float, default=10, help="seconds per request")
    replay.set_defaults(run=run_replay)


def run_record(args: argparse.Namespace) -> int:
    from .record import save_export

    if args.url:
        try:
            count = save_export(args.url, args.out)
        except (OSError, urllib.error.URLError) as exc:
            print(f"mockserver record: {args.url}: {exc}", file=sys.stderr)
            return 2
        print(f"saved {count} lines to {args.out}", file=sys.stderr)
        return 0
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_proxy(args.upstream, args.host, args.port, args.out))
    return 0


async def _proxy(upstream: str, host: str, port: int, out_path: str) -> None:
    from .proxy import proxy_app

    with open(out_path, "w", encoding="utf-8") as out:
        runner = web.AppRunner(proxy_app(upstream, out), access_log=None)
        await runner.setup()
        bound = await listen(runner, host, port)
        print(f"recording proxy on http://{host}:{bound} -> {upstream}, writing {out_path}",
              flush=True)
        await until_stopped(runner)


def _progress(total: int):
    """A progress bar on a terminal only; a log or a pipe gets the differences alone."""
    if not sys.stderr.isatty():
        return lambda items: items
    from tqdm import tqdm

    return lambda items: tqdm(items, total=total, unit="line", file=sys.stderr, leave=False)


def run_replay(args: argparse.Namespace) -> int:
    from .replay import Replayer

    try:
        recording = lines.read(args.recording)
    except (OSError, ValueError) as exc:
        print(f"mockserver replay: {exc}", file=sys.stderr)
        return 2

    def show(difference: Difference) -> None:
        print(difference.show(), flush=True)

    replayer = Replayer(args.target, reset=not args.no_reset, timeout=args.timeout,
                        on_difference=show)
    try:
        report = replayer.run(recording, _progress(len(recording)))
    except (OSError, ValueError, KeyError) as exc:
        print(f"mockserver replay: {args.target}: {exc}", file=sys.stderr)
        return 2
    if args.report:
        with open(args.report, "w", encoding="utf-8") as file:
            json.dump(report.to_mapping(), file, ensure_ascii=False, indent=1)
    print(f"{report.requests} requests, {report.control_calls} control calls replayed; "
          f"{len(report.differences)} differ", file=sys.stderr)
    return 1 if report.differences else 0
