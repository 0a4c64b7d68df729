"""GET /__admin/messages/wait, the codes on each message, and the one-account reset; every
reply checked against the OpenAPI document."""

from __future__ import annotations

import asyncio

import pytest

SEND = {"username": "demo", "api_key": "demo"}


async def send(client, to="380501234567", text="Ваш код: 4821", **extra):
    response = await client.get("/im/send/", params={**SEND, "to": to, "im_message": text,
                                                     **extra})
    return (await response.json())["reply"][0]


async def pending(admin, state, path):
    """Start a wait and return once it is listening (it has found nothing yet)."""
    listening = len(state.simulator.listeners)
    task = asyncio.create_task(admin.get(path))
    while len(state.simulator.listeners) == listening:
        assert not task.done(), task.result()
        await asyncio.sleep(0)
    return task


async def test_a_message_already_there_is_answered_at_once_with_its_codes(admin, client):
    await send(client, text="Ваш код подтверждения 123-456. Заказ №7788")
    found = await admin.get("/messages/wait?phone=380501234567", expect=200)
    assert found["message"]["phone"] == "380501234567"
    assert found["message"]["codes"] == ["123456"]


async def test_the_wait_wakes_when_the_message_is_stored(admin, client, state):
    listeners = list(state.messages.listeners), list(state.simulator.listeners)
    task = await pending(admin, state, "/messages/wait?phone=380501234567&timeout=30")
    await send(client)
    found = await task
    assert found["message"]["codes"] == ["4821"]
    assert found["message"]["status"] == "sent"  # seen once the send was over, not half-made
    assert (state.messages.listeners, state.simulator.listeners) == listeners


async def test_events_on_other_messages_do_not_answer_a_wait(admin, client, state):
    task = await pending(admin, state, "/messages/wait?phone=380501234567&status=delivered")
    await send(client, to="380501234568")
    await admin.post("/clock", {"advance": 5}, expect=200)
    assert not task.done()
    await send(client)
    await admin.post("/clock", {"advance": 5}, expect=200)
    found = (await task)["message"]
    assert (found["phone"], found["status"]) == ("380501234567", "delivered")


async def test_a_wait_without_a_number_is_answered_by_any_matching_event(admin, client, state):
    task = await pending(admin, state, "/messages/wait?status=delivered&login=demo")
    await send(client, to="380501234568")
    await admin.post("/clock", {"advance": 5}, expect=200)
    assert (await task)["message"]["phone"] == "380501234568"


async def test_a_status_wait_answers_when_a_frozen_clock_move_makes_it_due(admin, client, state):
    await send(client)
    task = await pending(admin, state, "/messages/wait?phone=380501234567&status=delivered")
    await admin.post("/clock", {"advance": 1}, expect=200)
    assert not task.done()
    await admin.post("/clock", {"advance": 5}, expect=200)
    found = await task
    assert found["message"]["status"] == "delivered"


async def test_a_status_passed_through_within_one_clock_move_still_counts(admin, client, state):
    await admin.post("/rules", {"match": {"phone": "380501234567"}, "outcome": {"viber": "read"}},
                     expect=201)
    await send(client)
    task = await pending(admin, state, "/messages/wait?phone=380501234567&status=delivered")
    await admin.post("/clock", {"advance": 3600}, expect=200)
    assert (await task)["message"]["status"] == "delivered"
    assert (await admin.get("/messages?phone=380501234567"))["messages"][0]["status"] == "read"


async def test_a_cascade_step_is_seen_on_the_way(admin, client, state):
    await admin.post("/rules", {"match": {"phone": "380501234567"},
                                "outcome": {"viber": "undelivered"}}, expect=201)
    await send(client, sms_message="Ваш код: 4821", sms_source="Shop")
    task = await pending(admin, state, "/messages/wait?phone=380501234567&status=undelivered")
    await admin.post("/clock", {"advance": 3}, expect=200)
    found = (await task)["message"]
    assert [c["status"] for c in found["channels"]] == ["undelivered", None]


async def test_nothing_in_time_is_a_408_listing_what_came_instead(admin, client):
    await send(client, to="380501234568", text="Код 1111")
    body = await admin.get("/messages/wait?phone=380501234567&timeout=0", expect=408)
    assert body["error"]["code"] == "wait_timeout"
    assert "phone=380501234567" in body["error"]["message"]
    assert [m["phone"] for m in body["candidates"]] == ["380501234568"]
    assert body["candidates"][0]["codes"] == ["1111"]


async def test_candidates_keep_to_the_provider_and_login_asked(admin, client):
    await send(client, to="380501234568")
    body = await admin.get("/messages/wait?login=someone&timeout=0", expect=408)
    assert body["candidates"] == []


async def test_after_a_message_id_only_newer_messages_count(admin, client, state):
    first = await send(client)
    first_id = state.messages.by_provider_id(first["message_id"])[0].id
    task = await pending(admin, state,
                         f"/messages/wait?phone=380501234567&after={first_id}&timeout=30")
    await send(client, text="Ваш код: 9090")
    found = (await task)["message"]
    assert found["id"] != first_id and found["codes"] == ["9090"]


async def test_after_an_instant_only_messages_created_later_count(admin, client, state):
    await send(client)
    body = await admin.get("/messages/wait?after=2026-01-01T09:00:00Z&timeout=0", expect=408)
    assert body["candidates"] == []
    found = await admin.get("/messages/wait?after=2026-01-01T08:59:59Z", expect=200)
    assert found["message"]["phone"] == "380501234567"


@pytest.mark.parametrize(("query", "code"), [
    ("timeout=61", "invalid_timeout"), ("timeout=-1", "invalid_timeout"),
    ("timeout=soon", "invalid_timeout"), ("timeout=nan", "invalid_timeout"),
    ("after=yesterday", "invalid_after"), ("status=arrived", "invalid_status"),
])
async def test_bad_wait_parameters_are_named(admin, query, code):
    body = await admin.get(f"/messages/wait?{query}", expect=400)
    assert body["error"]["code"] == code


async def test_a_wait_that_timed_out_listens_no_more(admin, state):
    listeners = list(state.messages.listeners), list(state.simulator.listeners)
    await admin.get("/messages/wait?phone=380501234567&timeout=0.01", expect=408)
    assert (state.messages.listeners, state.simulator.listeners) == listeners


# --- one account's reset ---------------------------------------------------------------------
async def test_resetting_one_account_clears_its_messages_journal_and_balance_only(admin, client):
    await admin.put("/accounts/inteltele/mine", {"api_keys": ["k"], "balance": "10.00"},
                    expect=201)
    await client.get("/im/send/", params={"username": "mine", "api_key": "k",
                                          "to": "380501234567", "im_message": "Код 1234"})
    await send(client, to="380501234568")
    assert (await admin.get("/accounts/inteltele/mine"))["balance"] != "10.00"
    await admin.post("/rules", {"match": {"phone": "1"}, "outcome": {"sms": "delivered"}})
    await admin.post("/reset", {"provider": "inteltele", "login": "mine"}, expect=200)
    assert (await admin.get("/accounts/inteltele/mine"))["balance"] == "10.00"
    messages = (await admin.get("/messages"))["messages"]
    assert [(m["login"], m["phone"]) for m in messages] == [("demo", "380501234568")]
    requests = (await admin.get("/requests"))["requests"]
    assert [r["login"] for r in requests] == ["demo"]
    assert len((await admin.get("/rules"))["rules"]) == 1
    assert (await admin.get("/accounts/inteltele/demo"))["balance"] != "1000.00"


async def test_a_reset_account_is_not_charged_for_a_fallback_already_under_way(admin, client):
    await admin.put("/accounts/inteltele/mine", {"api_keys": ["k"], "balance": "10.00"})
    await admin.post("/rules", {"match": {"login": "mine"}, "outcome": {"viber": "undelivered"}})
    await client.get("/im/send/", params={"username": "mine", "api_key": "k",
                                          "to": "380501234567", "im_message": "Hi",
                                          "sms_message": "Hi", "sms_source": "Shop"})
    await admin.post("/reset", {"provider": "inteltele", "login": "mine"}, expect=200)
    await admin.post("/clock", {"advance": 3600})
    assert (await admin.get("/accounts/inteltele/mine"))["balance"] == "10.00"


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"provider": "inteltele"}, 400, "invalid_reset"),
    ({"login": "demo"}, 400, "invalid_reset"),
    ({"provider": "inteltele", "login": "demo", "clock": True}, 400, "invalid_reset"),
    ({"provider": "inteltele", "login": "nobody"}, 404, "account_not_found"),
])
async def test_a_one_account_reset_names_what_is_wrong(admin, body, status, code):
    assert (await admin.post("/reset", body, expect=status))["error"]["code"] == code


async def test_journal_entries_and_violations_name_the_account_the_request_named(admin, client):
    await send(client)
    await client.get("/im/send/", params={"username": "demo", "api_key": "wrong",
                                          "to": "380501234567", "im_message": "Hi"})
    await client.get("/im/send/", params={"username": "nobody", "api_key": "x",
                                          "to": "380501234567", "im_message": "Hi"})
    requests = (await admin.get("/requests"))["requests"]
    assert [r["login"] for r in requests] == ["demo", "demo", ""]
    await send(client, im_ttl="5")
    violations = (await admin.get("/violations"))["violations"]
    assert violations and {v["login"] for v in violations} == {"demo"}


async def test_the_wait_takes_the_text_and_prefix_filters_of_the_message_list(admin, client, state):
    task = await pending(admin, state, "/messages/wait?phone_prefix=38050&text=пароль")
    await send(client, text="Ваш код: 1111")
    await send(client, text="Ваш пароль: 2222")
    assert (await task)["message"]["codes"] == ["2222"]
