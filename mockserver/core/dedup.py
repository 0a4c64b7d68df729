"""Repeat windows: the same request (or the same text to the same number) within a minute."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from datetime import datetime, timedelta

from .clock import Clock


class RepeatGuard:
    """Remembers fingerprints for a window on the mock clock; answers whether one is a repeat."""

    def __init__(self, clock: Clock, window_s: float = 60) -> None:
        self._clock = clock
        self.window = timedelta(seconds=window_s)
        self._seen: OrderedDict[Hashable, datetime] = OrderedDict()

    def is_repeat(self, fingerprint: Hashable) -> bool:
        self._forget_old()
        return fingerprint in self._seen

    def remember(self, fingerprint: Hashable) -> None:
        self._seen[fingerprint] = self._clock.now()
        self._seen.move_to_end(fingerprint)

    def check_and_remember(self, fingerprint: Hashable) -> bool:
        """True (and nothing remembered) when it is a repeat; otherwise remembers it."""
        now = self._clock.now()  # read once: the look-up and the remembering are one moment
        self._forget_before(now - self.window)
        if fingerprint in self._seen:
            return True
        self._seen[fingerprint] = now  # a new key: the newest, last in order
        return False

    def clear(self) -> None:
        self._seen.clear()

    def _forget_old(self) -> None:
        self._forget_before(self._clock.now() - self.window)

    def _forget_before(self, horizon: datetime) -> None:
        while self._seen:
            oldest, seen_at = next(iter(self._seen.items()))
            if seen_at > horizon:
                break
            del self._seen[oldest]
