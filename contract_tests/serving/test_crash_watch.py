"""The crash watch sees what a well-formed reply hides: a handler that raises is answered with
the provider's internal-error reply (a 200 that "never a 500" properties accept), and the
autouse `crash_watch` fixture fails the test all the same, in process and on the live socket."""

from __future__ import annotations

import json
import urllib.request

import pytest

from contract_tests.crashes import BrokenOnPurpose

SEND = {"username": "demo", "api_key": "demo", "to": "380501234567", "im_message": "Hi"}


def _broken(command):
    raise ValueError("a bug in the mock")


def _expect_the_watch_to_fire(crash_watch, logged: str) -> None:
    assert any(logged in record.getMessage() for record in crash_watch.records)
    with pytest.raises(pytest.fail.Exception, match="the mock logged an unexpected exception"):
        crash_watch.check()  # what the autouse fixture does after the test; it takes them


async def test_a_crash_hidden_by_the_providers_internal_error_reply_is_seen(
        client, state, crash_watch):
    state.sending.send = _broken
    response = await client.get("/im/send/", params=SEND)
    assert response.status == 200  # a "never a 500" property alone would pass
    assert await response.json() == {"reply": [{"status": "error: can't send message"}]}
    _expect_the_watch_to_fire(crash_watch, "unexpected error on /im/send/")


def test_a_crash_on_the_live_socket_is_seen(live, crash_watch, monkeypatch):
    monkeypatch.setattr(live.state.sending, "send", _broken)
    with urllib.request.urlopen(f"{live.url}/im/send/?username=demo&api_key=demo"
                                "&to=380501234567&im_message=Hi", timeout=10) as response:
        assert response.status == 200 and json.loads(response.read())["reply"][0]["status"] != "OK"
    _expect_the_watch_to_fire(crash_watch, "unexpected error on /im/send/")


async def test_a_crash_in_the_control_plane_is_seen(client, state, crash_watch):
    def broken():
        raise ValueError("a bug in the mock")
    state.journal.clear = broken
    assert (await client.delete("/__admin/requests")).status == 500
    _expect_the_watch_to_fire(crash_watch, "Error handling request")


async def test_a_crash_in_a_scheduled_event_is_seen(client, state, crash_watch):
    state.scheduler.after(1, lambda: _broken(None))
    assert (await client.post("/__admin/clock", json={"advance": 5})).status == 200
    _expect_the_watch_to_fire(crash_watch, "a scheduled event due at")


async def test_a_mock_broken_on_purpose_is_not_a_crash(client, state, crash_watch):
    def broken(command):
        raise BrokenOnPurpose("a fault of the mock itself")
    state.sending.send = broken
    await client.get("/im/send/", params=SEND)
    assert crash_watch.records == []
