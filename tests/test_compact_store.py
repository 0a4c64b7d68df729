"""A stored message keeps its parts compactly and gives back exactly what it was given:
ids spelled from numbers, times to the microsecond, shared texts, prices and settings."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from mockserver.core.billing import Channel
from mockserver.core.clock import Clock, ClockMode, Scheduler
from mockserver.core.compact import number_of, spell_id
from mockserver.core.messages import ChannelContent, Message, Status, StatusChange
from mockserver.core.store import MessageStore

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
new_number = MessageStore().new_id


def cascade(number: int | str, phone: str = "380501234567", text: str = "Your code is 1234",
            **fields) -> Message:
    return Message(number, "inteltele", "demo", phone, "ua", "255", "01", T0,
                   [ChannelContent(Channel.VIBER, text, sender="Shop", ttl_s=3600),
                    ChannelContent(Channel.SMS, "".join(text), sender="Shop")], **fields)


@given(st.integers(min_value=0, max_value=2**62 - 1))
def test_an_id_is_32_hex_digits_that_name_its_number_again(number):
    spelled = spell_id(number)
    assert len(spelled) == 32 and int(spelled, 16) >= 0 and spelled == spelled.lower()
    assert number_of(spelled) == number


def test_only_the_exact_spelling_of_an_id_names_a_number():
    spelled = spell_id(new_number())
    swapped = spelled[16:] + spelled[:16]
    for other in (spelled.upper(), spelled[:-1], spelled + "0", "0x" + spelled[2:],
                  spelled[:20] + "_" + spelled[21:], " " + spelled[1:], "+" + spelled[1:],
                  "٣" + spelled[1:], swapped, "f" * 32, "", "m1"):
        assert number_of(other) is None, other


def test_ids_of_new_messages_never_repeat_and_look_random_throughout():
    ids = [spell_id(new_number()) for _ in range(10_000)]
    assert len(set(ids)) == 10_000
    assert len({each[:8] for each in ids}) > 9_900 and len({each[16:24] for each in ids}) > 9_900


def test_a_message_is_found_by_its_id_and_by_a_provider_id_that_is_its_id():
    store = MessageStore()
    message = cascade(new_number())
    message.provider_ids = {"message_id": message.id}
    other = cascade(new_number(), phone="380501234568")
    other.provider_ids = {"message_id": "elsewhere"}
    store.add(message)
    store.add(other)
    assert store.get(message.id) is message and store.get(other.id) is other
    assert message.provider_ids == {"message_id": message.id}
    assert store.by_provider_id(message.id) == [message]
    assert store.by_provider_id(message.id, "inteltele", "other") == []
    assert store.by_provider_id(other.id) == []  # its id is not one of its provider ids
    assert store.by_provider_id("elsewhere") == [other]
    assert store.arrival(message.id) < store.arrival(other.id)
    store._forget(message)
    assert store.get(message.id) is None and store.by_provider_id(message.id) == []


def test_times_come_back_to_the_microsecond_and_statuses_in_their_order():
    message = cascade("m1")
    viber, sms = message.channels
    sent = T0 + timedelta(microseconds=1)
    viber.record(StatusChange(Status.SENT, sent))
    viber.record(StatusChange(Status.DELIVERED, sent + timedelta(seconds=2)))
    sms.record(StatusChange(Status.SENT, sent + timedelta(hours=1)))
    viber.record(StatusChange(Status.READ, sent + timedelta(hours=2)))  # a late read receipt
    assert message.created_at == T0
    assert viber.history == [StatusChange(Status.SENT, sent),
                             StatusChange(Status.DELIVERED, sent + timedelta(seconds=2)),
                             StatusChange(Status.READ, sent + timedelta(hours=2))]
    assert (viber.status, viber.started_at) == (Status.READ, sent)
    assert message.current == sms and message.status is Status.SENT
    assert message.changed_at == sent + timedelta(hours=1)
    assert message.next_attempt() is None and not message.settled


def test_a_cascade_saying_the_same_on_each_channel_keeps_one_text():
    message = cascade("m1", text="".join(["Your code", " is 1234"]))
    viber, sms = message.channels
    assert viber.text == sms.text == "Your code is 1234" and viber.text is sms.text
    differing = Message("m2", "inteltele", "demo", "380501234567", "ua", "255", "01", T0,
                        [ChannelContent(Channel.VIBER, "long text"),
                         ChannelContent(Channel.SMS, "short")])
    assert [a.text for a in differing.channels] == ["long text", "short"]


def test_equal_prices_keep_their_own_digits_on_each_message():
    first, second = cascade("m1"), cascade("m2")
    first.channels[0].cost = Decimal("0.30")
    second.channels[0].cost = Decimal("0.3")
    assert str(first.channels[0].cost) == "0.30" and str(second.channels[0].cost) == "0.3"
    assert second.channels[1].cost is None and second.cost == Decimal("0.3")


def test_a_change_to_one_message_leaves_the_others_that_share_its_defaults_alone():
    first, second = cascade("m1"), cascade("m2")
    first.withdrawn = True
    first.channels[1].provider_id = "3179038981"
    assert (first.withdrawn, second.withdrawn) == (True, False)
    assert [a.provider_id for a in first.channels] == ["", "3179038981"]
    assert [a.provider_id for a in second.channels] == ["", ""]


@given(st.sampled_from(["380501234567", "+380501234567", "0501234567", "٣٨٠٥٠١٢٣٤٥٦٧",
                        "a@example.com", "1" * 19, "7"]))
def test_a_phone_comes_back_as_it_was_given_and_finds_its_message(phone):
    store = MessageStore()
    message = cascade("m1", phone=phone)
    store.add(message)
    assert message.phone == phone and store.by_phone(phone) == [message]


def test_events_due_at_one_instant_run_in_the_order_they_were_scheduled():
    scheduler = Scheduler(Clock(ClockMode.FROZEN, T0))
    ran = []
    scheduler.after(5, ran.append, "late")
    for n in range(3):
        scheduler.after(2, ran.append, n)
    scheduler.after(2, lambda: scheduler.after(0, ran.append, "scheduled by an event"))
    scheduler.after(2, ran.append, "after it")
    cancelled = scheduler.after(2, ran.append, "cancelled")
    scheduler.after(1, ran.append, "early")
    cancelled.cancel()
    assert len(scheduler) == 7 and scheduler.next_due() == T0 + timedelta(seconds=1)
    scheduler.advance(10)
    assert ran == ["early", 0, 1, 2, "after it", "scheduled by an event", "late"]
    assert len(scheduler) == 0 and scheduler.next_due() is None


def test_a_run_cut_short_goes_on_where_it_stopped_at_the_next_run():
    scheduler = Scheduler(Clock(ClockMode.FROZEN, T0))
    ran = []
    for n in range(5):
        scheduler.at(T0, ran.append, n)
    assert scheduler.run_due(2) == 2 and ran == [0, 1]
    scheduler.at(T0, ran.append, "added")
    scheduler.after(0, ran.append, "also now")
    assert scheduler.run_due(2) == 2 and ran == [0, 1, 2, 3]
    assert scheduler.run_due() == 3 and ran == [0, 1, 2, 3, 4, "added", "also now"]
    assert scheduler.next_due() is None and len(scheduler) == 0
