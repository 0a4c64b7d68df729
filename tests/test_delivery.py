"""The simulated network: default delivery, cascades, validity, read receipts, forced events."""

from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockserver.core.billing import Channel
from mockserver.core.clock import ClockMode
from mockserver.core.delivery import EventRefused
from mockserver.core.messages import Status
from mockserver.core.sending import ChannelContent, Recipient, Refusal, SendCommand
from mockserver.core.state import Fixtures, MockState

RATES = {"viber": {"ru": {"": "0.20"}}, "sms": {"ru": {"": "0.10"}}, "vk": {"ru": {"": "0.15"}}}


@pytest.fixture
def core():
    return MockState(Fixtures(
        accounts=[{"provider": "targetsms", "login": "demo", "password": "p",
                   "balance": "100.00", "credit": "1.00"}],
        rates=RATES, delivery_after_s=2), clock_mode=ClockMode.FROZEN)


def send(core, phone="79001234567", contents=None, **options):
    account = core.accounts.get("targetsms", "demo")
    contents = contents or [ChannelContent(Channel.VIBER, "hi", ttl_s=3600),
                            ChannelContent(Channel.SMS, "hi")]
    command = SendCommand(account, [Recipient(phone)], contents, **options)
    return core.sending.send(command)[0]


def statuses(attempt):
    return [change.status for change in attempt.history]


def cascade(message):
    """Where each channel of the cascade stands (None: not tried)."""
    return [attempt.status for attempt in message.channels]


def viber_vk_sms():
    return [ChannelContent(Channel.VIBER, "v", ttl_s=3600),
            ChannelContent(Channel.VK, "", template_id="1"), ChannelContent(Channel.SMS, "s")]


def test_delivered_on_the_first_channel_after_the_default_delay(core):
    result = send(core)
    message = result.message
    assert message.status is Status.SENT
    core.scheduler.advance(1)
    assert message.status is Status.SENT
    core.scheduler.advance(1)
    assert message.status is Status.DELIVERED
    assert message.channels[1].status is None  # the fallback was never needed
    assert message.cost == Decimal("0.20")


def test_undelivered_viber_falls_back_to_sms_which_is_charged_when_it_starts(core):
    core.planner.add_rule({"match": {}, "outcome": {"viber": "undelivered"}})
    message = send(core).message
    account = core.accounts.get("targetsms", "demo")
    assert account.balance == Decimal("99.80")
    core.scheduler.advance(2)
    viber, sms = message.channels
    assert statuses(viber) == [Status.SENT, Status.UNDELIVERED]
    assert statuses(sms) == [Status.SENT]
    assert sms.started_at == viber.changed_at
    assert account.balance == Decimal("99.70")
    core.scheduler.advance(2)
    assert message.status is Status.DELIVERED and sms.status is Status.DELIVERED


def test_viber_that_never_reports_expires_at_its_ttl_then_sms_goes(core):
    core.planner.add_rule({"match": {}, "outcome": {"viber": "none"}})
    message = send(core, contents=[ChannelContent(Channel.VIBER, "hi", ttl_s=120),
                                   ChannelContent(Channel.SMS, "hi")]).message
    core.scheduler.advance(119)
    assert message.channels[0].status is Status.SENT
    core.scheduler.advance(1)
    assert message.channels[0].status is Status.EXPIRED
    assert message.channels[1].status is Status.SENT
    core.scheduler.advance(2)
    assert message.status is Status.DELIVERED


def test_a_report_later_than_the_ttl_is_an_expiry(core):
    core.planner.add_rule({"match": {}, "outcome": {"viber": "delivered"}, "after_s": 30})
    message = send(core, contents=[ChannelContent(Channel.VIBER, "hi", ttl_s=15)]).message
    core.scheduler.advance(30)
    assert statuses(message.channels[0]) == [Status.SENT, Status.EXPIRED]


def test_three_channel_cascade_in_order(core):
    core.planner.add_rule({"match": {}, "outcome": {"viber": "undelivered", "vk": "expired"}})
    message = send(core, contents=viber_vk_sms()).message
    core.scheduler.advance(2)
    assert cascade(message) == [Status.UNDELIVERED, Status.SENT, None]
    # VK has no validity of its own: it lapses when the network has been silent a day.
    core.scheduler.advance(86400)
    assert cascade(message) == [Status.UNDELIVERED, Status.EXPIRED, Status.SENT]
    core.scheduler.advance(2)
    assert cascade(message) == [Status.UNDELIVERED, Status.EXPIRED, Status.DELIVERED]
    assert message.cost == Decimal("0.45")


def test_expired_comes_at_the_end_of_the_validity_never_before(core):
    # 79990000003 expires on every channel; the Viber validity here is 10 minutes.
    message = send(core, phone="79990000003",
                   contents=[ChannelContent(Channel.VIBER, "hi", ttl_s=600),
                             ChannelContent(Channel.SMS, "hi")]).message
    core.scheduler.advance(599)
    assert message.channels[0].status is Status.SENT and message.channels[1].status is None
    core.scheduler.advance(1)
    assert message.channels[0].status is Status.EXPIRED
    assert message.channels[0].changed_at == message.created_at + timedelta(seconds=600)
    assert message.channels[1].status is Status.SENT  # the cascade moves on at that moment


def test_a_rule_naming_expired_waits_for_the_validity_whatever_its_after_s(core):
    core.planner.add_rule({"match": {}, "outcome": {"viber": "expired"}, "after_s": 5})
    message = send(core, contents=[ChannelContent(Channel.VIBER, "hi", ttl_s=120)]).message
    core.scheduler.advance(119)
    assert message.status is Status.SENT
    core.scheduler.advance(1)
    assert message.status is Status.EXPIRED


def test_no_report_on_a_channel_without_validity_ends_unknown_after_a_day(core):
    # 79990000006: the network never reports; SMS has no validity of its own.
    message = send(core, phone="79990000006",
                   contents=[ChannelContent(Channel.SMS, "hi")]).message
    core.scheduler.advance(86399)
    assert message.status is Status.SENT
    core.scheduler.advance(1)
    assert message.status is Status.UNKNOWN


def test_no_report_final_s_comes_from_the_fixtures_and_the_cascade_goes_on():
    core = MockState(Fixtures(
        accounts=[{"provider": "targetsms", "login": "demo", "password": "p",
                   "balance": "100.00"}],
        rates=RATES, no_report_final_s=600), clock_mode=ClockMode.FROZEN)
    core.planner.add_rule({"match": {}, "outcome": {"vk": "none"}})
    message = send(core, contents=[ChannelContent(Channel.VK, "", template_id="1"),
                                   ChannelContent(Channel.SMS, "hi")]).message
    core.scheduler.advance(599)
    assert cascade(message) == [Status.SENT, None]
    core.scheduler.advance(1)
    assert cascade(message) == [Status.UNKNOWN, Status.SENT]
    core.scheduler.advance(2)
    assert message.status is Status.DELIVERED


def test_no_report_on_viber_ends_expired_at_its_validity_then_vk_then_sms(core):
    message = send(core, phone="79990000006", contents=viber_vk_sms()).message
    core.scheduler.advance(3600)
    assert cascade(message) == [Status.EXPIRED, Status.SENT, None]
    core.scheduler.advance(86400)
    assert cascade(message) == [Status.EXPIRED, Status.UNKNOWN, Status.SENT]
    core.scheduler.advance(86400)
    assert message.status is Status.UNKNOWN and message.next_attempt() is None


def test_a_scheduled_message_is_charged_when_it_goes_out_not_at_the_request(core):
    account = core.accounts.get("targetsms", "demo")
    at = core.clock.now() + timedelta(hours=1)
    result = send(core, scheduled_at=at)
    assert result.accepted and result.cost == Decimal("0.20")  # priced at the request
    assert account.balance == Decimal("100.00")
    assert result.message.channels[0].cost is None
    core.scheduler.advance(3600)
    assert account.balance == Decimal("99.80")
    assert result.message.channels[0].cost == Decimal("0.20")


def test_a_scheduled_message_is_still_refused_at_the_request_when_unaffordable(core):
    account = core.accounts.get("targetsms", "demo")
    account.balance = Decimal("-0.90")
    at = core.clock.now() + timedelta(hours=1)
    assert send(core, scheduled_at=at).refusal is Refusal.LOW_BALANCE


def test_a_scheduled_message_the_balance_no_longer_covers_is_rejected_when_due(core):
    account = core.accounts.get("targetsms", "demo")
    message = send(core, scheduled_at=core.clock.now() + timedelta(hours=1),
                   contents=[ChannelContent(Channel.SMS, "hi")]).message
    account.balance = Decimal("-1.00")
    core.scheduler.advance(3600)
    assert message.status is Status.REJECTED and account.balance == Decimal("-1.00")


def test_finale_read_cascades_when_viber_is_delivered_but_not_read(core):
    message = send(core, finale_read=True).message
    core.scheduler.advance(3599)
    assert message.status is Status.DELIVERED and message.channels[1].status is None
    core.scheduler.advance(1)
    assert message.channels[0].status is Status.DELIVERED
    assert message.channels[1].status is Status.SENT
    core.scheduler.advance(2)
    assert message.status is Status.DELIVERED and message.current.channel is Channel.SMS


def test_finale_read_does_not_cascade_once_read(core):
    message = send(core, phone="79990000005", finale_read=True).message  # magic: read
    core.scheduler.advance(3600)
    assert statuses(message.channels[0]) == [Status.SENT, Status.DELIVERED, Status.READ]
    assert message.channels[1].status is None and message.status is Status.READ


def test_scheduled_message_waits_queued_until_its_time(core):
    at = core.clock.now() + timedelta(hours=1)
    message = send(core, scheduled_at=at).message
    assert message.status is Status.QUEUED
    core.scheduler.advance(3599)
    assert message.status is Status.QUEUED
    core.scheduler.advance(1)
    assert message.status is Status.SENT and message.channels[0].started_at == at


def test_forced_events_drive_the_cascade_and_refuse_what_cannot_happen(core):
    message = send(core).message
    with pytest.raises(EventRefused, match="not been tried"):
        core.simulator.force(message, "sms", Status.DELIVERED)
    core.simulator.force(message, "viber", Status.UNDELIVERED)
    assert message.channels[1].status is Status.SENT
    with pytest.raises(EventRefused, match="cannot become"):
        core.simulator.force(message, "viber", Status.DELIVERED)
    core.simulator.force(message, "sms", Status.DELIVERED)
    core.scheduler.advance(60)  # the planned reports are stale and change nothing
    assert statuses(message.channels[1]) == [Status.SENT, Status.DELIVERED]


def test_a_fallback_the_balance_cannot_pay_is_rejected(core):
    core.planner.add_rule({"match": {}, "outcome": {"viber": "undelivered"}})
    account = core.accounts.get("targetsms", "demo")
    message = send(core).message
    account.balance = Decimal("-1.00")  # exactly at -credit: nothing more can be paid
    core.scheduler.advance(2)
    assert message.channels[1].status is Status.REJECTED
    assert account.balance == Decimal("-1.00")


def test_recipient_refusals(core):
    account = core.accounts.get("targetsms", "demo")
    account.blacklist.add("79001111111")
    assert send(core, phone="79001111111").refusal is Refusal.BLACKLISTED
    assert send(core, phone="99912345678").refusal is Refusal.UNKNOWN_COUNTRY
    assert send(core, phone="380501234567").refusal is Refusal.NO_ROUTE
    account.routes = {"ua"}
    assert send(core, phone="79001234567").refusal is Refusal.NO_ROUTE
    account.routes = set()
    account.balance = Decimal("-0.90")
    low = send(core)
    assert low.refusal is Refusal.LOW_BALANCE and low.cost == Decimal("0.20")


def test_client_id_never_makes_two_messages(core):
    account = core.accounts.get("targetsms", "demo")
    contents = [ChannelContent(Channel.SMS, "hi")]
    command = SendCommand(account, [Recipient("79001234567", "111"),
                                    Recipient("79001234568", "111")], contents)
    first, second = core.sending.send(command)
    assert first.accepted and second.refusal is Refusal.DUPLICATE_CLIENT_ID
    assert second.message is first.message and len(core.messages) == 1


def test_per_number_repeat_rule(core):
    first = send(core, repeat_per_number=True)
    assert first.accepted
    assert send(core, repeat_per_number=True).refusal is Refusal.REPEAT
    core.scheduler.advance(60)
    assert send(core, repeat_per_number=True).accepted


def test_virtual_messages_are_priced_but_neither_charged_nor_delivered(core):
    result = send(core, virtual=True)
    core.scheduler.advance(3600)
    assert result.cost == Decimal("0.20")
    assert core.accounts.get("targetsms", "demo").balance == Decimal("100.00")
    assert result.message.status is Status.SENT


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(min_size=1, max_size=400), min_size=1, max_size=25),
       balance=st.decimals(min_value=-1, max_value=5, places=2),
       viber_fails=st.booleans())
def test_balance_never_goes_below_minus_credit_and_cost_is_parts_times_rate(
        texts, balance, viber_fails):
    core = MockState(Fixtures(
        accounts=[{"provider": "targetsms", "login": "demo", "password": "p",
                   "balance": str(balance), "credit": "1.00"}], rates=RATES),
        clock_mode=ClockMode.FROZEN)
    if viber_fails:
        core.planner.add_rule({"match": {}, "outcome": {"viber": "undelivered"}})
    account = core.accounts.get("targetsms", "demo")
    for text in texts:
        send(core, contents=[ChannelContent(Channel.VIBER, text, ttl_s=60),
                             ChannelContent(Channel.SMS, text)])
        core.scheduler.advance(5)
        assert account.balance >= -account.credit
    for message in core.messages:
        for attempt in message.channels:
            if attempt.cost is not None:
                rate = Decimal(RATES[attempt.channel]["ru"][""])
                assert attempt.cost == rate * attempt.parts


def test_no_report_final_s_is_read_from_the_delivery_table():
    from mockserver.config import FixtureError, parse
    assert parse({"delivery": {"no_report_final_s": 600}}).no_report_final_s == 600
    for bad in (0, -1, "a day", True):
        with pytest.raises(FixtureError, match="no_report_final_s"):
            parse({"delivery": {"no_report_final_s": bad}})
