"""GET /__admin/messages pages newest first and filters by phone prefix and text, so that the
inbox asks for one screen at a time, never for everything."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mockserver.admin.routes import AdminError, message_page
from mockserver.config import default_fixtures_path, load_files
from mockserver.core.clock import ClockMode
from mockserver.core.state import MockState

from .filling import PHONES, fill


async def smsc_send(client, phones: str, mes: str) -> None:
    response = await client.get("/sys/send.php", params={
        "login": "demo", "psw": "demo", "phones": phones, "mes": mes, "fmt": "3",
        "charset": "utf-8"})
    assert "error" not in await response.json(content_type=None)


async def test_newest_first_pages_continue_from_the_cursor(admin, client, state):
    fill(state, 7)
    first = await admin.get("/messages?order=desc&limit=3", expect=200)
    assert [m["channels"][0]["text"] for m in first["messages"]] == [
        "message 6", "message 5", "message 4"]
    assert first["next"] == first["messages"][-1]["id"]
    second = await admin.get(f"/messages?order=desc&limit=3&before={first['next']}")
    assert [m["channels"][0]["text"] for m in second["messages"]] == [
        "message 3", "message 2", "message 1"]
    last = await admin.get(f"/messages?order=desc&limit=3&before={second['next']}")
    assert [m["channels"][0]["text"] for m in last["messages"]] == ["message 0"]
    assert last["next"] is None


async def test_oldest_first_stays_the_default_and_has_no_cursor(admin, state):
    fill(state, 3)
    page = await admin.get("/messages?limit=2")
    assert [m["channels"][0]["text"] for m in page["messages"]] == ["message 0", "message 1"]
    assert "next" not in page
    newest = (await admin.get("/messages?order=desc"))["messages"][0]
    older = await admin.get(f"/messages?before={newest['id']}")
    assert [m["channels"][0]["text"] for m in older["messages"]] == ["message 0", "message 1"]


async def test_phone_prefix_and_text_filters(admin, client):
    await smsc_send(client, "79001234567", "Ваш код 1234")
    await smsc_send(client, "79161112233", "Order shipped")
    await smsc_send(client, "380501234567", "ваш КОД 777")
    by_prefix = (await admin.get("/messages?phone_prefix=%2B7900&order=desc"))["messages"]
    assert [m["phone"] for m in by_prefix] == ["79001234567"]
    by_text = (await admin.get("/messages?text=%D0%9A%D0%BE%D0%B4&order=desc"))["messages"]
    assert [m["phone"] for m in by_text] == ["380501234567", "79001234567"]  # any case
    both = (await admin.get("/messages?text=code&phone_prefix=7"))["messages"]
    assert both == []


async def test_filters_cut_pages_after_matching(admin, state):
    fill(state, 20)  # phones cycle over five numbers
    page = await admin.get(f"/messages?order=desc&limit=2&phone={PHONES[0]}")
    assert [m["channels"][0]["text"] for m in page["messages"]] == ["message 15", "message 10"]
    rest = await admin.get(f"/messages?order=desc&limit=2&phone={PHONES[0]}&before={page['next']}")
    assert [m["channels"][0]["text"] for m in rest["messages"]] == ["message 5", "message 0"]


async def test_bad_paging_is_refused_with_the_field_named(admin):
    for query, code in (("order=newest", "invalid_order"), ("limit=-1", "invalid_limit"),
                        ("before=nope", "invalid_before"), ("limit=x", "invalid_limit")):
        body = await admin.get(f"/messages?{query}", expect=400)
        assert body["error"]["code"] == code


def _fresh_state() -> MockState:
    return MockState(load_files([default_fixtures_path()]), clock_mode=ClockMode.FROZEN)


STORED = _fresh_state()
fill(STORED, 40)
FILTERS = st.fixed_dictionaries({}, optional={
    "phone_prefix": st.sampled_from(["7", "+7900", "380", "9"]),
    "text": st.sampled_from(["message 1", "3", "MESSAGE"]),
    "phone": st.sampled_from(PHONES),
})


@settings(max_examples=60, deadline=None)
@given(filters=FILTERS, limit=st.integers(min_value=1, max_value=12))
def test_walking_newest_first_pages_gives_every_match_once_in_reverse(filters, limit):
    expected, _ = message_page(STORED, filters)
    walked: list = []
    cursor = None
    while True:
        query = {**filters, "order": "desc", "limit": str(limit)}
        if cursor:
            query["before"] = cursor
        page, cursor = message_page(STORED, query)
        assert len(page) <= limit
        walked += page
        if cursor is None:
            break
    assert walked == list(reversed(expected))


def test_an_unknown_cursor_is_an_error_not_an_empty_page():
    try:
        message_page(STORED, {"order": "desc", "before": "0" * 32})
    except AdminError as error:
        assert error.status == 400
    else:
        raise AssertionError("an unknown cursor was accepted")
