"""The clock keeps to a span in which every delay scheduled from "now" is still a date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mockserver.core.clock import (
    LATEST,
    Clock,
    ClockMode,
    ClockOutOfRange,
    Scheduler,
    parse_instant,
)


def frozen_at(instant: str) -> Scheduler:
    return Scheduler(Clock(ClockMode.FROZEN, parse_instant(instant)))


@pytest.mark.parametrize("seconds", [1e20, float("inf"), float("nan"), 3e11])
def test_an_advance_past_the_latest_instant_is_refused_and_changes_nothing(seconds):
    scheduler = frozen_at("2026-01-01T00:00:00Z")
    with pytest.raises(ClockOutOfRange):
        scheduler.advance(seconds)
    assert scheduler.clock.now() == datetime(2026, 1, 1, tzinfo=UTC)


def test_the_clock_moves_up_to_just_before_the_latest_instant_and_events_still_schedule():
    scheduler = frozen_at("8999-12-31T23:59:00Z")
    scheduler.advance(59.999)
    fired = []
    scheduler.after(10 * 366 * 86400, lambda: fired.append(True))  # ten years past the end
    with pytest.raises(ClockOutOfRange):
        scheduler.set(LATEST)
    assert not fired


@pytest.mark.parametrize("text", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:00:00-05:00"])
def test_an_instant_that_leaves_the_calendar_in_utc_is_a_value_error(text):
    with pytest.raises(ValueError, match="out of range"):
        parse_instant(text)


def test_a_start_outside_the_span_is_refused():
    with pytest.raises(ClockOutOfRange):
        Clock(ClockMode.FROZEN, parse_instant("9500-01-01T00:00:00Z"))
