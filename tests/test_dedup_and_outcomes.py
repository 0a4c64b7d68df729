from datetime import UTC, datetime

import pytest

from mockserver.core.billing import Channel
from mockserver.core.clock import Clock, ClockMode, Scheduler
from mockserver.core.dedup import RepeatGuard
from mockserver.core.messages import ChannelContent, Message, Status
from mockserver.core.outcomes import MAGIC_NUMBERS, OutcomePlanner

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_repeat_window_is_sixty_seconds_on_the_mock_clock():
    scheduler = Scheduler(Clock(ClockMode.FROZEN, T0))
    guard = RepeatGuard(scheduler.clock, 60)
    assert guard.check_and_remember("a") is False
    scheduler.advance(59)
    assert guard.check_and_remember("a") is True
    assert guard.check_and_remember("b") is False
    scheduler.advance(1)
    assert guard.check_and_remember("a") is False


def message(phone="79001234567", provider="inteltele", login="demo"):
    return Message("m1", provider, login, phone, "ru", "250", "", T0,
                   [ChannelContent(Channel.VIBER, "hi"), ChannelContent(Channel.SMS, "hi")])


def test_default_is_delivered_after_the_default_delay():
    planner = OutcomePlanner(default_after_s=2)
    msg = message()
    outcome = planner.plan(msg, msg.channels[0])
    assert (outcome.status, outcome.after_s) == (Status.DELIVERED, 2)


def test_newest_matching_rule_wins_and_unnamed_channels_follow_the_default():
    planner = OutcomePlanner()
    planner.add_rule({"match": {"phone": "79001234567"}, "outcome": {"viber": "rejected"}})
    planner.add_rule({"match": {"phone_prefix": "7900"}, "outcome": {"viber": "undelivered"},
                      "after_s": 7})
    msg = message()
    viber = planner.plan(msg, msg.channels[0])
    assert (viber.status, viber.after_s) == (Status.UNDELIVERED, 7)
    assert planner.plan(msg, msg.channels[1]).status is Status.DELIVERED


def test_rules_come_before_magic_numbers():
    planner = OutcomePlanner()
    msg = message(phone="79990000002")
    assert planner.plan(msg, msg.channels[0]).status is Status.UNDELIVERED
    planner.add_rule({"match": {"phone": "79990000002"}, "outcome": {"*": "delivered"}})
    assert planner.plan(msg, msg.channels[0]).status is Status.DELIVERED


def test_every_magic_number_names_a_known_outcome():
    planner = OutcomePlanner()
    for phone in MAGIC_NUMBERS:
        msg = message(phone=phone)
        for attempt in msg.channels:
            planner.plan(msg, attempt)  # raises on an unknown outcome


@pytest.mark.parametrize("bad", [
    {"match": {"colour": "red"}, "outcome": {"sms": "delivered"}},
    {"match": {}, "outcome": {"sms": "lost"}},
    {"match": {}, "outcome": {"pigeon": "delivered"}},
    {"match": {}, "outcome": {}},
    {"match": {}, "outcome": {"sms": "delivered"}, "after_s": -1},
])
def test_bad_rules_are_refused(bad):
    with pytest.raises(ValueError):
        OutcomePlanner().add_rule(bad)
