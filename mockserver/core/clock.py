"""The mock's clock and the scheduler of everything that falls due on it.

Every domain timer (delivery delays, TTL expiry, scheduled sends, repeat windows, lock-outs,
callback retries) reads `Clock.now()` and is scheduled on `Scheduler`. Moving the clock runs
what fell due, in time order, each event seeing the clock at its own due instant, so a test
never sleeps and histories carry exact times.
"""

from __future__ import annotations

import asyncio
import functools
import heapq
import itertools
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from enum import StrEnum

log = logging.getLogger("mockserver.scheduler")


class ClockMode(StrEnum):
    REAL = "real"
    FROZEN = "frozen"


class ClockBackwards(ValueError):
    """Raised when asked to set the clock before its current instant."""


class ClockOutOfRange(ValueError):
    """Raised for an instant outside the span the clock keeps (see EARLIEST and LATEST)."""


# The clock stays within these, so that every delay the mock schedules from "now" (at most
# years) still lands on a date Python can hold, and every provider can print the instant.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)


def check_instant(dt: datetime) -> datetime:
    if not EARLIEST <= utc(dt) < LATEST:
        raise ClockOutOfRange(
            f"the mock's clock keeps to {format_instant(EARLIEST)} .. {format_instant(LATEST)}")
    return dt


def utc(dt: datetime) -> datetime:
    """The same instant as an aware UTC datetime (naive input is taken as UTC)."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def parse_instant(text: str) -> datetime:
    """ISO 8601 with an optional trailing Z; naive means UTC."""
    try:
        return utc(datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except OverflowError as exc:  # e.g. 0001-01-01T00:00+01:00 is before year 1 in UTC
        raise ValueError(f"{text!r} is out of range: {exc}") from None


def format_instant(dt: datetime) -> str:
    """The control plane's spelling of an instant: 2026-01-01T00:00:00Z (milliseconds if any)."""
    dt = utc(dt)
    if dt.microsecond:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


# The wall clock, called straight into C: `now()` is read several times a request.
_wall_now: Callable[[], datetime] = functools.partial(datetime.now, UTC)


class Clock:
    """Real time plus an offset, or a frozen instant; both only ever move forward."""

    def __init__(
        self,
        mode: ClockMode = ClockMode.REAL,
        start: datetime | None = None,
        wall: Callable[[], datetime] = _wall_now,
    ) -> None:
        self._wall = wall
        # While the scheduler runs an event, `now()` is that event's due instant.
        self._pinned: datetime | None = None
        self.restart(mode, start)

    @property
    def mode(self) -> ClockMode:
        return self._mode

    def restart(self, mode: ClockMode, start: datetime | None) -> None:
        """Back to a starting point (the one place time may go backwards: a reset)."""
        if start is not None:
            check_instant(start)
        self._mode = ClockMode(mode)
        self._offset = timedelta(0)
        self._frozen_at = utc(start) if start else self._wall()
        if self._mode is ClockMode.REAL and start is not None:
            self._offset = utc(start) - self._wall()
        self._pinned = None

    def now(self) -> datetime:
        if self._pinned is not None:
            return self._pinned
        if self._mode is ClockMode.FROZEN:
            return self._frozen_at
        return self._wall() + self._offset

    def set_mode(self, mode: ClockMode | str) -> None:
        mode = ClockMode(mode)
        if mode is self._mode:
            return
        current = self.now()
        if mode is ClockMode.FROZEN:
            self._frozen_at = current
        else:
            self._offset = current - self._wall()
        self._mode = mode

    def _jump_to(self, instant: datetime) -> None:
        if self._mode is ClockMode.FROZEN:
            self._frozen_at = instant
        else:
            self._offset += instant - self.now()

    def _pin(self, instant: datetime | None) -> None:
        self._pinned = instant


class ScheduledEvent:
    """A handle that lets the owner cancel an event before it runs."""

    __slots__ = ("_bucket", "_place", "due")

    def __init__(self, bucket: list, place: int, due: datetime) -> None:
        self._bucket = bucket
        self._place = place
        self.due = due

    def cancel(self) -> None:
        self._bucket[self._place] = None


# Events the real-mode driver runs before it lets the loop serve requests again: at some
# microseconds each, a batch stays within a millisecond or two.
BATCH_SIZE = 200


class Scheduler:
    """Events on the mock clock, run in (due, insertion) order.

    Events due at one instant share one list, in insertion order, and the instants wait in a
    heap: a burst of messages sent at one frozen instant costs one small tuple each (the
    action and its arguments) until it runs, not a heap entry, a sequence number and an
    event object."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._dues: list[datetime] = []  # a heap of the instants that have events
        self._buckets: dict[datetime, list[tuple | None]] = {}  # instant -> (action, *args)
        self._started: dict[datetime, int] = {}  # how far a run stopped early got in a list
        self._wakeup: asyncio.Future[None] | None = None  # the real-mode driver's nap

    def __len__(self) -> int:
        return sum(1 for bucket in self._buckets.values() for entry in bucket
                   if entry is not None)

    def at(self, due: datetime, action: Callable[..., None], *args) -> ScheduledEvent:
        """`action(*args)` when the clock reaches `due`."""
        due = utc(due)
        bucket = self._buckets.get(due)
        if bucket is None:
            bucket = self._buckets[due] = []
            heapq.heappush(self._dues, due)
            if (self._wakeup is not None and self._dues[0] == due
                    and not self._wakeup.done()):
                self._wakeup.set_result(None)
        bucket.append((action, *args))
        return ScheduledEvent(bucket, len(bucket) - 1, due)

    def after(self, seconds: float, action: Callable[..., None], *args) -> ScheduledEvent:
        return self.at(self.clock.now() + timedelta(seconds=seconds), action, *args)

    def next_due(self) -> datetime | None:
        dues, buckets = self._dues, self._buckets
        while dues:
            due = dues[0]
            bucket = buckets.get(due)
            if bucket is not None:
                if any(entry is not None
                       for entry in itertools.islice(bucket, self._started.get(due, 0), None)):
                    return due
                del buckets[due]
                self._started.pop(due, None)
            heapq.heappop(dues)  # run, cancelled, or a stale copy of an instant
        return None

    def run_due(self, at_most: int | None = None) -> int:
        """Run what is due by now (the first `at_most` of it, if given); returns how many
        events ran."""
        return self._run_until(self.clock.now(), at_most)

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ClockBackwards("the clock cannot move backwards")
        room = (LATEST - self.clock.now()).total_seconds()
        if not seconds < room:  # NaN too; timedelta would overflow long before 1e20 s
            raise ClockOutOfRange(f"{seconds} s would move the clock past "
                                  f"{format_instant(LATEST)}, the latest instant it keeps")
        self.set(self.clock.now() + timedelta(seconds=seconds))

    def set(self, instant: datetime) -> None:
        instant = check_instant(utc(instant))
        if instant < self.clock.now():
            raise ClockBackwards("the clock cannot move backwards")
        self._run_until(instant)
        self.clock._jump_to(instant)

    def clear(self) -> None:
        # A run under way holds its instant's list: emptied in place, nothing more runs.
        for bucket in self._buckets.values():
            bucket[:] = itertools.repeat(None, len(bucket))
        self._dues.clear()
        self._buckets.clear()
        self._started.clear()

    def _run_until(self, limit: datetime, at_most: int | None = None) -> int:
        ran = 0
        floor = self.clock.now()
        try:
            while ((at_most is None or ran < at_most)
                   and (due := self.next_due()) is not None and due <= limit):
                bucket = self._buckets[due]
                place = self._started.pop(due, 0)
                # Events scheduled in the past (late) run at the current instant.
                self.clock._pin(max(due, floor))
                floor = self.clock.now()
                # Events the run schedules for this same instant join this list, after these;
                # one cancelled meanwhile reads None here.
                while place < len(bucket):
                    if at_most is not None and ran >= at_most:
                        self._started[due] = place  # the next run goes on from here
                        return ran
                    entry = bucket[place]
                    bucket[place] = None  # run once, and let go of its arguments
                    place += 1
                    if entry is None:
                        continue
                    try:
                        entry[0](*entry[1:])
                    except Exception:
                        # One broken event must not stop the clock nor the events after it.
                        log.exception("a scheduled event due at %s failed",
                                      format_instant(due))
                    ran += 1
                self._buckets.pop(due, None)  # its instant leaves the heap when next_due meets it
        finally:
            self.clock._pin(None)
        return ran

    async def run_forever(self, idle_s: float = 0.5, batch_s: float = 0.01,
                          batch_size: int = BATCH_SIZE) -> None:
        """Real-mode driver: run events as they fall due (the only real sleep in the domain).

        It naps at least `batch_s` between runs, so that under load the events of many
        messages run in one batch rather than one wake-up each; each still sees its own
        due instant on the clock. A batch holds at most `batch_size` events, and the loop
        serves requests between batches: a bulk send of thousands of numbers falls due all
        at once, and running it in one go would stall every request in flight."""
        loop = asyncio.get_running_loop()
        try:
            while True:
                while self.clock.mode is ClockMode.REAL and self.run_due(batch_size) == batch_size:
                    await asyncio.sleep(0)
                due = self.next_due()
                wait = idle_s
                if due is not None and self.clock.mode is ClockMode.REAL:
                    wait = min(idle_s, max(batch_s, (due - self.clock.now()).total_seconds()))
                self._wakeup = loop.create_future()
                timer = loop.call_later(wait, _wake, self._wakeup)
                try:
                    await self._wakeup
                finally:
                    timer.cancel()
        finally:
            self._wakeup = None


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
