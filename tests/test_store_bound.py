"""The message store stays within its capacity, evicting the oldest settled messages first."""

from datetime import UTC, datetime

from mockserver.core.billing import Channel
from mockserver.core.messages import ChannelContent, Message, Status, StatusChange
from mockserver.core.store import MessageStore

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def message(n: int, *statuses: Status, cascade: bool = False) -> Message:
    channels = [ChannelContent(Channel.VIBER, f"text {n}")]
    if cascade:
        channels.append(ChannelContent(Channel.SMS, f"text {n}"))
    made = Message(id=f"m{n}", provider="inteltele", login="demo", phone=f"38050000{n:04d}",
                   country="ua", mcc="255", mnc="01", created_at=T0, channels=channels,
                   provider_ids={"message_id": f"p{n}"}, client_id=f"c{n}")
    for status in statuses:
        made.channels[0].record(StatusChange(status, T0))
    return made


def test_a_full_store_evicts_the_oldest_settled_message_not_the_oldest_one():
    store = MessageStore(capacity=3)
    store.add(message(1, Status.SENT))  # still waiting for a report
    store.add(message(2, Status.SENT, Status.DELIVERED))
    store.add(message(3, Status.SENT, Status.UNDELIVERED))
    store.add(message(4, Status.SENT))
    assert [m.id for m in store] == ["m1", "m3", "m4"]
    assert store.get("m2") is None
    assert store.by_provider_id("p2") == []
    assert store.by_phone("380500000002") == []
    assert store.by_client_id("inteltele", "demo", "c2") is None


def test_a_failed_attempt_with_a_fallback_still_to_come_is_not_settled():
    store = MessageStore(capacity=2)
    store.add(message(1, Status.SENT, Status.UNDELIVERED, cascade=True))
    store.add(message(2, Status.SENT, Status.READ))
    store.add(message(3))
    assert [m.id for m in store] == ["m1", "m3"]


def test_with_nothing_settled_the_oldest_message_goes():
    store = MessageStore(capacity=2)
    for n in (1, 2, 3):
        store.add(message(n, Status.SENT))
    assert [m.id for m in store] == ["m2", "m3"]
    assert store.get("m1") is None and store.by_provider_id("p1") == []


def test_the_store_never_holds_more_than_its_capacity():
    store = MessageStore(capacity=100)
    for n in range(1000):
        store.add(message(n, Status.SENT, Status.DELIVERED))
        assert len(store) <= 100
    assert store.get("m999") is not None and store.get("m0") is None


def numbered(store: MessageStore, *statuses: Status) -> Message:
    made = Message(store.new_id(), "inteltele", "demo", "380500000001", "ua", "255", "01", T0,
                   [ChannelContent(Channel.SMS, "text")])
    for status in statuses:
        made.channels[0].record(StatusChange(status, T0))
    return made


def test_a_message_that_never_settles_does_not_let_the_store_grow_behind_it():
    store = MessageStore(capacity=100)
    stuck = numbered(store, Status.SENT)
    store.add(stuck)
    for _ in range(5_000):
        store.add(numbered(store, Status.SENT, Status.DELIVERED))
    assert len(store) == 100 and next(iter(store)) is stuck
    assert store.get(stuck.id) is stuck and store.arrival(stuck.id) == 0
    live = list(store)
    assert [store.get(m.id) for m in live] == live
    assert [store.arrival(m.id) for m in live] == sorted(store.arrival(m.id) for m in live)
    assert list(reversed(store)) == live[::-1]
    assert len(store._by_id._slots) < 1_000  # holes are tidied, not kept


def test_numbered_and_hand_made_messages_keep_their_order_of_arrival():
    store = MessageStore()
    first, late = numbered(store), numbered(store)  # numbered in one order, stored in another
    second, named = numbered(store), message(7)
    for each in (first, named, second, late):
        store.add(each)
    assert list(store) == [first, named, second, late]
    assert [store.get(m.id) for m in (first, named, second, late)] == [first, named, second, late]
    assert store.arrival(late.id) > store.arrival(second.id) > store.arrival(named.id)
    store.clear()
    again = numbered(store)
    store.add(again)
    assert again.id not in {first.id, second.id, late.id} and list(store) == [again]
    assert store.get(first.id) is None


def test_a_large_store_makes_room_a_bounded_batch_at_a_time(monkeypatch):
    # 1% of this capacity is 20 messages; the batch is held to EVICTION_BATCH (here 5), so
    # that a store of a million never evicts ten thousand messages while requests wait.
    monkeypatch.setattr("mockserver.core.store.EVICTION_BATCH", 5)
    store = MessageStore(capacity=2000)
    for n in range(2000):
        store.add(message(n, Status.SENT, Status.DELIVERED))
    store.add(message(2000, Status.SENT))
    assert len(store) == 2000 - 5 + 1
    assert store.get("m4") is None and store.get("m5") is not None
