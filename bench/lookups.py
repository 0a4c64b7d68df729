"""Status look-ups as the store fills: a mock filled with N messages through the core (fast),
then serving, so that wrk can ask IntelTele's /im/status/ for random stored ids.

python -m bench.lookups N PORT IDS_FILE: fills, writes a sample of the ids, serves."""

from __future__ import annotations

import asyncio
import random
import sys

from aiohttp import web

from mockserver.app import create_app
from mockserver.cli import _run, build_state

from .footprint import _commands


async def serve(count: int, port: int, ids_file: str) -> None:
    state = build_state(None, clock="frozen")
    ids = [state.sending.send(command)[0].message.provider_ids["message_id"]
           for command in _commands(state, count)]
    with open(ids_file, "w") as out:
        out.write("\n".join(random.Random(7).choices(ids, k=20_000)))
    runner = web.AppRunner(create_app(state), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    await asyncio.Event().wait()


if __name__ == "__main__":
    _run(serve(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))
