"""Status look-ups as the store fills: a mock filled with N messages through the core (fast),
then serving, so that wrk can ask IntelTele's /im/status/ for random stored ids.

python -m bench.lookups N PORT IDS_FILE: fills, writes a sample of the ids, serves.
python -m bench.lookups --in-process [N]: the store's and the status reply's own share of a
look-up (the handler's core and wire calls, no HTTP), at 1k stored and at N (default 200k):
the steadier reading of the ratio on a busy machine, where wrk's figures swing widely."""

from __future__ import annotations

import asyncio
import gc
import json
import random
import sys
import time
from zoneinfo import ZoneInfo

from aiohttp import web

from mockserver.app import create_app
from mockserver.cli import _run, build_state

from .footprint import _commands


def _filled(count: int):
    state = build_state(None, clock="frozen")
    ids = [state.sending.send(command)[0].message.provider_ids["message_id"]
           for command in _commands(state, count)]
    return state, ids


async def serve(count: int, port: int, ids_file: str) -> None:
    state, ids = _filled(count)
    with open(ids_file, "w") as out:
        out.write("\n".join(random.Random(7).choices(ids, k=20_000)))
    runner = web.AppRunner(create_app(state), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    await asyncio.Event().wait()


def _lookups(count: int, per_round: int):
    """A round of look-ups of random stored ids as /im/status/ makes them: the store's
    provider-id look-up and the status entry."""
    from mockserver.providers.inteltele import wire

    state, ids = _filled(count)
    state.scheduler.advance(86_400 * 2)
    # Each asked id a string of its own, as a request's parsed query gives it.
    wanted = [f"{message_id} "[:-1] for message_id in random.Random(7).choices(ids, k=per_round)]
    zone = ZoneInfo("UTC")
    find = state.messages.by_provider_id

    def run() -> None:
        for message_id in wanted:
            found = find(message_id, "inteltele", "demo")
            wire.status_entry(found[0], None, zone, "UTC")
    return state, run


def lookup_us(counts: tuple[int, ...], rounds: int = 15, per_round: int = 20_000
              ) -> list[float]:
    """CPU microseconds per look-up at each store size: the rounds alternate between the
    sizes, and each keeps its best, so that a busy machine weighs on all alike."""
    runs = [_lookups(count, per_round)[1] for count in counts]
    gc.collect()
    best = [float("inf")] * len(counts)
    for _ in range(rounds):
        for place, run in enumerate(runs):
            start = time.process_time()
            run()
            best[place] = min(best[place], time.process_time() - start)
    return [spent / per_round * 1e6 for spent in best]


def main() -> None:
    if sys.argv[1] == "--in-process":
        count = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
        small, large = lookup_us((1_000, count))
        print(json.dumps({"us_at_1k": round(small, 3), f"us_at_{count}": round(large, 3),
                          "speed_ratio": round(small / large, 3)}))
        return
    _run(serve(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))


if __name__ == "__main__":
    main()
