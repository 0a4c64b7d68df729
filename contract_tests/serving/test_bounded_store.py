"""Past `[limits] max_messages`, the oldest settled messages are evicted, and each provider then
answers for an evicted id exactly as it answers for an id it never issued."""

from __future__ import annotations

import pytest

from mockserver.app import create_app
from mockserver.config import default_fixtures_path, load_files
from mockserver.core.clock import ClockMode
from mockserver.core.state import MockState

AUTH = {"username": "demo", "api_key": "demo"}


@pytest.fixture
async def small_client(aiohttp_client):
    fixtures = load_files([default_fixtures_path()])
    fixtures.limits["max_messages"] = 3
    state = MockState(fixtures, clock_mode=ClockMode.FROZEN)
    return await aiohttp_client(create_app(state)), state


async def send(client, phone: str) -> str:
    reply = await (await client.get("/im/send/", params={
        **AUTH, "to": phone, "im_message": f"hello {phone}"})).json()
    return reply["reply"][0]["message_id"]


async def status(client, message_id: str) -> dict:
    reply = await client.get("/im/status/", params={**AUTH, "requests": message_id})
    return (await reply.json())[message_id]


async def test_an_evicted_id_answers_as_an_unknown_one(small_client):
    client, state = small_client
    first = await send(client, "380501000001")
    state.scheduler.advance(10)  # delivered: settled, so the first to go
    later = [await send(client, f"38050100000{n}") for n in (2, 3, 4)]
    assert len(state.messages) == 3
    assert await status(client, first) == await status(client, "0123456789abcdef")
    assert (await status(client, later[-1]))["status"] == "sent"
    listed = await (await client.get("/__admin/messages")).json()
    assert [m["provider_ids"]["message_id"] for m in listed["messages"]] == later


def test_the_limit_comes_from_the_cli_and_the_fixtures():
    from mockserver.cli import build_state

    assert build_state(None, "frozen").messages.capacity == 1_000_000
    assert build_state(None, "frozen", max_messages=5).messages.capacity == 5
