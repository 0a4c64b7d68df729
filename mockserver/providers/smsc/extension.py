"""What SMSC's edge keeps beside the core: its per-minute request limits, the requests in flight
per login, and the sender-name confirmation codes. It lives in `state.extensions["smsc"]`,
reads only the mock clock, and is emptied when the mock is reset."""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ...core.clock import Clock
from ...core.state import MockState

NAME = "smsc"
_PRUNE_AT = 10_000  # keys remembered before old ones are swept out


class RateWindow:
    """How often each request key was accepted within a sliding window on the mock clock."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._seen: dict[Hashable, deque[datetime]] = {}

    def over(self, key: Hashable, limit: int, window_s: float = 60) -> bool:
        """True when `limit` requests with this key were already accepted within the window;
        otherwise this one is counted."""
        now = self._clock.now()
        horizon = now - timedelta(seconds=window_s)
        seen = self._seen.setdefault(key, deque())
        while seen and seen[0] <= horizon:
            seen.popleft()
        if len(seen) >= limit:
            return True
        seen.append(now)
        if len(self._seen) > _PRUNE_AT:
            self._prune(horizon)
        return False

    def _prune(self, horizon: datetime) -> None:
        for key in [k for k, times in self._seen.items() if not times or times[-1] <= horizon]:
            del self._seen[key]

    def clear(self) -> None:
        self._seen.clear()


@dataclass(slots=True)
class SentCode:
    """A confirmation code sent by SMS for a digital sender name."""

    login: str
    sender: str
    code: str
    sent_at: datetime


@dataclass(slots=True)
class SmscExtension:
    rates: RateWindow
    in_flight: dict[str, int] = field(default_factory=dict)
    codes: dict[str, SentCode] = field(default_factory=dict)  # by the number it was sent to

    @contextlib.contextmanager
    def request_of(self, login: str) -> Iterator[int]:
        """Counts a request in flight under `login`; yields how many others are in flight."""
        others = self.in_flight.get(login, 0)
        self.in_flight[login] = others + 1
        try:
            yield others
        finally:
            left = self.in_flight[login] - 1
            if left:
                self.in_flight[login] = left
            else:
                del self.in_flight[login]

    def clear(self) -> None:
        self.rates.clear()
        self.codes.clear()
        # Requests in flight finish on their own; their counts unwind as they do.


def extension(state: MockState) -> SmscExtension:
    found = state.extensions.get(NAME)
    if found is None:
        found = state.extensions[NAME] = SmscExtension(RateWindow(state.clock))
        state.on_reset(found.clear)
    return found
