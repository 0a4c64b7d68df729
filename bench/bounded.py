"""Whether the store stays bounded: with `max_messages` set, sends far past it leave the store at
its bound and the memory flat. It runs in a child process of its own
(python -m bench.bounded BOUND SENDS), so that nothing else the bench did sits in the memory.

The memory is read before any send, after 2 x BOUND sends (the store long full) and after
SENDS: a store that lets go of what it evicts grows by little after it is full, however many
more messages go through."""

from __future__ import annotations

import gc
import json
import sys

from mockserver.cli import build_state

from .footprint import _commands, rss_bytes


def run(bound: int, sends: int) -> dict[str, float]:
    state = build_state(None, clock="frozen", max_messages=bound)
    commands = _commands(state, sends)
    gc.collect()
    empty = rss_bytes()
    for _ in range(2 * bound):
        state.sending.send(next(commands))
    state.scheduler.advance(86_400 * 2)  # every timer due: the messages settle
    gc.collect()
    full = rss_bytes()
    stored = [len(state.messages)]
    for i, command in enumerate(commands):
        state.sending.send(command)
        if i % bound == bound - 1:
            state.scheduler.advance(86_400 * 2)
            stored.append(len(state.messages))
    gc.collect()
    return {"bound": bound, "sends": sends, "most_stored": max(stored),
            "full_bytes": full - empty,  # the store at its bound
            "growth_after_full_bytes": rss_bytes() - full}


def main() -> None:
    bound = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    sends = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    print(json.dumps(run(bound, sends)))


if __name__ == "__main__":
    main()
