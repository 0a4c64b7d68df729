"""The send path's shortcuts give what the general code gives: the same query pairs, reply
bytes, attempts, prices and look-ups, with fewer objects and timers."""

from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import parse_qsl

from hypothesis import given, settings
from hypothesis import strategies as st

from mockserver.core.billing import Channel, Pricing, RateCard
from mockserver.core.clock import ClockMode
from mockserver.core.messages import ChannelContent, Message
from mockserver.core.sending import ChannelContent as Content
from mockserver.core.sending import Recipient, SendCommand
from mockserver.core.state import Fixtures, MockState
from mockserver.core.store import MessageStore
from mockserver.providers.http import parse_query

T0 = datetime(2026, 1, 1, tzinfo=UTC)
QUERY_CHARS = st.sampled_from(list("ab=&+%;П\x00 ") + ["%D0%9F", "%2B", "%zz", "%E9", "%"])


@given(st.lists(QUERY_CHARS, max_size=30).map("".join), st.sampled_from(["utf-8", "cp1251"]))
def test_the_split_query_parser_reads_what_parse_qsl_reads(raw, charset):
    expected = parse_qsl(raw, keep_blank_values=True, encoding=charset, errors="replace")
    assert parse_query(raw, charset) == expected


def test_an_attempt_carries_every_field_of_its_content():
    values = {"channel": Channel.VIBER, "text": "t", "sender": "s", "button_text": "b",
              "button_url": "u", "image_url": "i", "template_id": "7",
              "template_data": {"k": "v"}, "ttl_s": 60}
    assert set(values) == set(ChannelContent.__dataclass_fields__)
    message = Message("m1", "inteltele", "demo", "380500000001", "ua", "255", "", T0,
                      [ChannelContent(Channel.SMS, "first"), ChannelContent(**values)])
    attempt = message.channels[1]
    assert {name: getattr(attempt, name) for name in values} == values
    assert (attempt.order, attempt.parts) == (2, 1)


def _message(n: int, phone: str, provider_id: str) -> Message:
    return Message(id=f"m{n}", provider="inteltele", login="demo", phone=phone, country="ua",
                   mcc="255", mnc="", created_at=T0, channels=[],
                   provider_ids={"message_id": provider_id})


def test_look_ups_find_one_message_or_several_under_one_key_and_forget_them():
    store = MessageStore(capacity=10)
    first, second = _message(1, "380500000001", "p"), _message(2, "380500000001", "p")
    store.add(first)
    assert store.by_phone("380500000001") == [first] == store.by_provider_id("p")
    store.add(second)
    assert store.by_phone("380500000001") == [first, second] == store.by_provider_id("p")
    store._forget(first)
    assert store.by_phone("380500000001") == [second] == store.by_provider_id("p")
    store._forget(second)
    assert store.by_phone("380500000001") == [] == store.by_provider_id("p")


def test_equal_prices_are_one_decimal_and_keep_their_own_digits():
    pricing = Pricing(RateCard({"sms": {"ru": {"": Decimal("0.30")}},
                                "viber": {"ru": {"": Decimal("0.3")}}}))

    class Account:
        rates, provider = None, "p"

    first = pricing.quote(Account, "sms", "ru", "", 1)
    assert pricing.quote(Account, "sms", "ru", "", 1) is first
    assert str(first) == "0.30" and str(pricing.quote(Account, "viber", "ru", "", 1)) == "0.3"


def _core() -> MockState:
    return MockState(Fixtures(
        accounts=[{"provider": "targetsms", "login": "demo", "password": "p",
                   "balance": "100.00"}],
        rates={"viber": {"ru": {"": "0.20"}}, "sms": {"ru": {"": "0.10"}}},
        delivery_after_s=2), clock_mode=ClockMode.FROZEN)


def test_a_report_that_comes_before_the_validity_ends_is_the_only_timer():
    core = _core()
    account = core.accounts.get("targetsms", "demo")
    core.sending.send(SendCommand(account, [Recipient("79001234567")],
                                  [Content(Channel.VIBER, "hi", ttl_s=3600)]))
    assert len(core.scheduler) == 1
    core.sending.send(SendCommand(account, [Recipient("79001234568")],
                                  [Content(Channel.VIBER, "hi", ttl_s=3600),
                                   Content(Channel.SMS, "hi")], finale_read=True))
    assert len(core.scheduler) == 1 + 2  # unread by the end of validity: the fallback goes


@settings(deadline=None, max_examples=30)  # the first example loads phone metadata
@given(st.lists(st.sampled_from(["380501234567", "79001234567", "999", "+380501234568",
                                 "38050 1234569", "٣٨٠٥٠١٢٣٤٥٦٧"]), min_size=1, max_size=4))
def test_inteltele_send_reply_is_what_json_dumps_writes(phones):
    import json

    from mockserver.cli import build_state
    from mockserver.providers.inteltele import wire

    state = build_state(None, clock="frozen")
    account = state.accounts.get("inteltele", "demo")
    results = state.sending.send(SendCommand(
        account, [Recipient(phone) for phone in phones], [Content(Channel.VIBER, "hi")],
        provider_ids=lambda message: {"message_id": message.id}))
    expected = json.dumps({"reply": [wire.recipient_entry(result) for result in results]})
    assert wire.send_reply(results).body == expected.encode()


def test_sending_what_was_just_quoted_checks_each_number_once_and_stores_the_same():
    from mockserver.cli import build_state

    def run(quote_first: bool):
        state = build_state(None, clock="frozen")
        account = state.accounts.get("smsc", "demo")
        looked_up = []
        analyze = state.analyzer.analyze
        state.analyzer.analyze = lambda raw: looked_up.append(raw) or analyze(raw)
        command = SendCommand(account, [Recipient("79001234567"), Recipient("99900000000"),
                                        Recipient("79001234568")],
                              [Content(Channel.SMS, "Код 1234", sender="SMSC.ru")])
        if quote_first:
            results = state.sending.send_quoted(command, state.sending.quote(command))
        else:
            results = state.sending.send(command)
        stored = [(m.phone, m.channels[0].cost, m.status) for m in state.messages]
        return [r.refusal for r in results], stored, account.balance, len(looked_up)

    refusals, stored, balance, lookups = run(quote_first=True)
    assert (refusals, stored, balance) == run(quote_first=False)[:3]
    assert lookups == 3 and len(stored) == 2
