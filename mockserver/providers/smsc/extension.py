"""What SMSC's edge keeps beside the core: its per-minute request limits, the requests in flight
per login, and the sender-name confirmation codes. It lives in `state.extensions["smsc"]`,
reads only the mock clock, and is emptied when the mock is reset."""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable
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


class InFlight:
    """Requests being answered, per login."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}

    def enter(self, login: str) -> int:
        """Counts one more; returns how many are in flight now, this one included."""
        count = self._counts[login] = self._counts.get(login, 0) + 1
        return count

    def leave(self, login: str) -> None:
        left = self._counts[login] - 1
        if left:
            self._counts[login] = left
        else:
            del self._counts[login]

    def of(self, login: str) -> int:
        return self._counts.get(login, 0)


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
    in_flight: InFlight = field(default_factory=InFlight)
    codes: dict[str, SentCode] = field(default_factory=dict)  # by the number it was sent to

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
