from datetime import UTC, datetime, timedelta

import pytest

from mockserver.core.clock import Clock, ClockBackwards, ClockMode, Scheduler, format_instant

START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def frozen() -> Scheduler:
    return Scheduler(Clock(ClockMode.FROZEN, START))


def test_frozen_clock_stands_still_until_moved():
    scheduler = frozen()
    assert scheduler.clock.now() == START
    scheduler.advance(90)
    assert scheduler.clock.now() == START + timedelta(seconds=90)


def test_events_run_in_time_order_each_seeing_its_own_instant():
    scheduler = frozen()
    seen = []
    scheduler.after(30, lambda: seen.append(("b", scheduler.clock.now())))
    scheduler.after(10, lambda: seen.append(("a", scheduler.clock.now())))
    scheduler.after(10, lambda: seen.append(("a2", scheduler.clock.now())))
    scheduler.advance(60)
    assert seen == [("a", START + timedelta(seconds=10)), ("a2", START + timedelta(seconds=10)),
                    ("b", START + timedelta(seconds=30))]
    assert scheduler.clock.now() == START + timedelta(seconds=60)


def test_events_scheduled_by_events_run_in_the_same_move_when_due():
    scheduler = frozen()
    seen = []

    def first():
        seen.append("first")
        scheduler.after(5, lambda: seen.append(scheduler.clock.now()))

    scheduler.after(5, first)
    scheduler.advance(9)
    assert seen == ["first"]
    scheduler.advance(1)
    assert seen == ["first", START + timedelta(seconds=10)]


def test_cancelled_events_do_not_run():
    scheduler = frozen()
    seen = []
    handle = scheduler.after(1, lambda: seen.append(1))
    handle.cancel()
    scheduler.advance(5)
    assert seen == [] and len(scheduler) == 0


def test_time_never_goes_backwards():
    scheduler = frozen()
    with pytest.raises(ClockBackwards):
        scheduler.set(START - timedelta(seconds=1))
    with pytest.raises(ClockBackwards):
        scheduler.advance(-1)


def test_real_clock_follows_the_wall_with_an_offset():
    wall = [START]
    clock = Clock(ClockMode.REAL, wall=lambda: wall[0])
    scheduler = Scheduler(clock)
    scheduler.advance(100)
    wall[0] += timedelta(seconds=5)
    assert clock.now() == START + timedelta(seconds=105)


def test_switching_modes_keeps_the_current_instant():
    wall = [START]
    clock = Clock(ClockMode.REAL, wall=lambda: wall[0])
    clock.set_mode(ClockMode.FROZEN)
    wall[0] += timedelta(seconds=50)
    assert clock.now() == START
    clock.set_mode(ClockMode.REAL)
    wall[0] += timedelta(seconds=7)
    assert clock.now() == START + timedelta(seconds=7)


def test_instants_are_written_in_utc_with_z():
    assert format_instant(START) == "2026-01-01T09:00:00Z"
    assert format_instant(START + timedelta(milliseconds=5)) == "2026-01-01T09:00:00.005Z"


async def test_real_mode_driver_runs_due_events_without_a_clock_move():
    import asyncio

    scheduler = Scheduler(Clock(ClockMode.REAL))
    done = asyncio.Event()
    scheduler.after(0.05, done.set)
    task = asyncio.create_task(scheduler.run_forever(idle_s=0.02))
    try:
        await asyncio.wait_for(done.wait(), timeout=5)
    finally:
        task.cancel()


async def test_real_mode_driver_lets_the_loop_in_between_batches():
    import asyncio

    scheduler = Scheduler(Clock(ClockMode.REAL))
    ran: list[int] = []
    for number in range(25):  # a bulk send: everything falls due at once
        scheduler.after(0, ran.append, number)
    seen: list[int] = []

    async def a_request():
        while len(ran) < 25:
            seen.append(len(ran))
            await asyncio.sleep(0)
    task = asyncio.create_task(scheduler.run_forever(idle_s=0.02, batch_size=10))
    try:
        await asyncio.wait_for(a_request(), timeout=5)
    finally:
        task.cancel()
    assert ran == list(range(25))  # in order, and every one
    assert [count for count in seen if count] == [10, 20]


def test_an_event_that_raises_is_logged_and_the_clock_runs_on(caplog):
    scheduler = frozen()
    seen = []

    def broken():
        raise KeyError("a message that is gone")
    scheduler.after(10, broken)
    scheduler.after(20, lambda: seen.append(scheduler.clock.now()))
    with caplog.at_level("ERROR", logger="mockserver.scheduler"):
        scheduler.advance(60)
    assert seen == [START + timedelta(seconds=20)]
    assert scheduler.clock.now() == START + timedelta(seconds=60)
    [record] = caplog.records
    assert "2026-01-01T09:00:10Z" in record.getMessage() and record.exc_info[0] is KeyError


def test_an_event_that_clears_the_scheduler_stops_what_was_due_with_it():
    scheduler = frozen()
    ran = []
    scheduler.after(5, lambda: (ran.append("clear"), scheduler.clear()))
    scheduler.after(5, ran.append, "same instant")
    scheduler.after(6, ran.append, "later")
    scheduler.advance(10)
    assert ran == ["clear"]
    assert len(scheduler) == 0 and scheduler.next_due() is None
