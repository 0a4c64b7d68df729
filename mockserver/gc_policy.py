"""How a long-running mock keeps the garbage collector out of its latency.

A mock holds a great many small long-lived objects (messages, attempts, timers). CPython's
collector would walk all of them again and again, and a full collection at a million messages
stalls for seconds. The policy: after each collection, freeze what survived, so that every
later collection walks only what is new, and the older generations stay empty.

A collection stops every request in flight for as long as it walks: about a microsecond per
young object, so the young generation is kept small. With a threshold of 100,000 each
collection stalled the loop for 80-120 ms, and that stall was the p99 latency of a loaded
mock; at 1,000 it stalls 1-3 ms. The collector's total work barely changes (each surviving
object is walked once either way), it is only cut into pieces the latency does not see.

What is frozen is never collected; a reset of the mock, which drops every message at once,
unfreezes and collects, so the memory of the forgotten messages comes back. So a request path
should make no reference cycles: one alive when a collection runs is frozen with the rest and
kept until a reset (an SMSC fmt=3 send makes about 30 such objects through json's pure-Python
encoder, and keeps about 0.4 of them a request this way)."""

from __future__ import annotations

import gc
from typing import Any

YOUNG_THRESHOLD = 1_000


def _freeze_survivors(phase: str, info: dict[str, Any]) -> None:
    if phase == "stop":
        gc.freeze()


_paused = False


def pause() -> None:
    """While a command starts: what a start-up creates (modules, classes, routes, the demo
    state) lives as long as the process, so collecting during it only walks the same objects
    again and again (about a tenth of the time `mockserver serve` takes to answer)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """The collector back on, if `pause` turned it off and nothing has turned it on since."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def install() -> None:
    """For the serving process only, once it has started: the pytest fixture leaves the
    collector as it is. What the start-up made is frozen from the outset, so that no
    collection walks it."""
    gc.set_threshold(YOUNG_THRESHOLD, 50, 100)
    if _freeze_survivors not in gc.callbacks:
        gc.callbacks.append(_freeze_survivors)
    gc.freeze()
    resume()


def release() -> None:
    """After a reset: give the frozen objects back to the collector and collect them."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
