"""The store of answers recipients send back: numbering, listeners, the bound on its size."""

from __future__ import annotations

from datetime import UTC, datetime

from mockserver.core.inbound import InboundStore
from mockserver.core.sending import mailbox

AT = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def test_answers_are_numbered_per_provider_and_told_to_listeners():
    store, heard = InboundStore(), []
    store.listeners.append(heard.append)
    first = store.add("smsc", "demo", "79001234567", "", "yes", AT)
    other = store.add("targetsms", "demo", "79001234567", "", "no", AT)
    second = store.add("smsc", "shop", "79001112233", "79990000100", "ok", AT, reply_to="m1")
    assert (first.id, other.id, second.id) == (1, 1, 2)
    assert heard == [first, other, second]
    assert store.of("smsc", "demo") == [first]
    assert second.to_mapping() == {
        "id": 2, "provider": "smsc", "login": "shop", "phone": "79001112233",
        "to": "79990000100", "text": "ok", "received_at": "2026-01-01T09:00:00Z",
        "reply_to": "m1"}


def test_the_oldest_answers_go_past_the_limit_and_clear_restarts_the_numbers():
    store = InboundStore(limit=2)
    for text in "abc":
        store.add("smsc", "demo", "79001234567", "", text, AT)
    assert [m.text for m in store] == ["b", "c"] and len(store) == 2
    store.clear()
    assert store.add("smsc", "demo", "79001234567", "", "d", AT).id == 1


def test_an_e_mail_recipient_has_no_country():
    assert mailbox(" first.last+tag@example.co.uk ").number == "first.last+tag@example.co.uk"
    assert mailbox("first.last@example.com").country == ""
    for bad in ("no-at-sign", "a@b", "@example.com", "a b@example.com"):
        assert mailbox(bad) is None
