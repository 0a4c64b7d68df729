"""The inbox's live feed: server-sent events for new messages, status changes and violations,
fed by the core's listeners without slowing the send path, and closed on shutdown."""

from __future__ import annotations

import asyncio
import time

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

from mockserver.app import create_app
from mockserver.cli import build_state
from mockserver.core.journal import Journal
from mockserver.web import live as live_module
from mockserver.web.inbox import FEED
from mockserver.web.links import RequestLinks

from .conftest import EventReader
from .filling import fill

INTELTELE = {"username": "demo", "api_key": "demo"}


async def inteltele_send(client, to: str, **extra) -> dict:
    response = await client.get("/im/send/", params={**INTELTELE, "to": to, "im_message": "Hi",
                                                     **extra})
    return (await response.json())["reply"][0]


async def test_a_new_message_is_pushed_with_its_view(client, events):
    stream = await events()
    sent = await inteltele_send(client, "380501234567")
    pushed = await stream.until("message", timeout=1)
    assert pushed["phone"] == "380501234567"
    assert pushed["provider_ids"] == {"message_id": sent["message_id"]}
    assert pushed["status"] == "sent" and pushed["violations"] == []


async def test_a_status_change_is_pushed_as_an_update(client, admin, events):
    await inteltele_send(client, "380501234567")
    message = (await admin.get("/messages"))["messages"][0]
    stream = await events()
    await admin.post(f"/messages/{message['id']}/events",
                     {"channel": "viber", "status": "undelivered"}, expect=200)
    update = await stream.until("update", timeout=1)
    assert update["id"] == message["id"]
    assert update["status"] == "undelivered" and update["matches"] is True


async def test_moving_the_clock_pushes_the_deliveries_it_makes_due(client, admin, events):
    await inteltele_send(client, "380501234567")
    stream = await events()
    await admin.post("/clock", {"advance": 5}, expect=200)
    assert (await stream.until("update", timeout=1))["status"] == "delivered"


async def test_a_violation_is_pushed_with_the_message_it_concerns(client, events):
    stream = await events()
    await inteltele_send(client, "380501234567", im_button_text="Open")  # no im_button_link
    message = await stream.until("message", timeout=1)
    flagged = await stream.until("violation", timeout=1)
    assert flagged["message_ids"] == [message["id"]]
    assert [v["rule"] for v in flagged["violations"]] == ["button_without_pair"]
    assert flagged["violations"][0]["field"] == "im_button_text"


async def test_a_refused_request_with_a_violation_is_pushed_without_a_message(client, events):
    stream = await events()
    await client.get("/im/status/", params={**INTELTELE, "requests": "no-such-id"})
    flagged = await stream.until("violation", timeout=1)
    assert flagged["message_ids"] == [] and flagged["violations"][0]["rule"] == "unknown_message_id"


async def test_a_stream_shows_only_what_its_filters_select(client, admin, events):
    stream = await events("phone_prefix=7")
    await inteltele_send(client, "380501234567")
    await inteltele_send(client, "79001234567")
    assert (await stream.until("message", timeout=1))["phone"] == "79001234567"
    ukrainian = (await admin.get("/messages?phone=380501234567"))["messages"][0]
    by_status = await events("status=sent")
    await admin.post(f"/messages/{ukrainian['id']}/events",
                     {"channel": "viber", "status": "delivered"}, expect=200)
    gone = await by_status.until("update", timeout=1)
    assert gone["id"] == ukrainian["id"] and gone["matches"] is False


async def test_listeners_only_enqueue_and_the_stream_renders(client, monkeypatch, events):
    rendered = []
    real_view = live_module.inbox_view
    monkeypatch.setattr(live_module, "inbox_view",
                        lambda message, links: rendered.append(message.id) or real_view(
                            message, links))
    feed = client.app[FEED]
    stream = await events()
    [open_stream] = feed.streams
    original_signal = open_stream._signal
    open_stream._signal = lambda: None  # hold the stream's task back: only the listener runs
    await inteltele_send(client, "380501234567")
    assert rendered == []
    assert [kind for kind, _ in open_stream.pending] == ["message", "update"]  # stored, then sent
    open_stream._signal = original_signal
    open_stream._signal()
    await stream.until("message", timeout=1)
    assert len(rendered) == 1  # the new message's view already holds its first status


async def test_a_tab_that_falls_behind_is_told_to_reload(client, events, monkeypatch):
    monkeypatch.setattr(live_module, "QUEUE_LIMIT", 2)
    stream = await events()
    [open_stream] = client.app[FEED].streams
    open_stream._signal = lambda: None
    for n in range(3):
        await inteltele_send(client, f"38050123456{n}")
    open_stream.wake.set()
    assert (await stream.next(timeout=1))[0] == "resync"


async def test_an_open_stream_does_not_hold_up_shutdown(state):
    server = TestServer(create_app(state))
    await server.start_server()
    async with aiohttp.ClientSession() as tab:  # a browser tab that stays open
        response = await tab.get(server.make_url("/__admin/inbox/events"))
        assert response.status == 200
        await response.content.readline()
        started = time.monotonic()
        await server.close()
        assert time.monotonic() - started < 2  # aiohttp waits for lingering handlers
        await asyncio.wait_for(response.content.read(), 1)  # the stream ended, not cut
    assert not server.app[FEED].streams


async def test_the_page_ships_its_script_and_style(client):
    page = await client.get("/__admin/inbox")
    html = await page.text()
    assert page.status == 200 and "/__admin/inbox/static/inbox.js" in html
    assert "https://" not in html and "http://" not in html  # nothing from the internet
    for name, kind in (("inbox.js", "text/javascript"), ("inbox.css", "text/css")):
        asset = await client.get(f"/__admin/inbox/static/{name}")
        assert asset.status == 200 and asset.content_type == kind
        assert "https://" not in await asset.text()
    assert (await client.get("/__admin/inbox/static/../app.py")).status == 404
    assert (await client.get("/__admin/inbox/static/secret.py")).status == 404


async def test_root_leads_to_the_inbox(client):
    response = await client.get("/", allow_redirects=False)
    assert response.status == web.HTTPFound.status_code
    assert response.headers["Location"] == "/__admin/inbox"


async def test_the_first_event_carries_the_newest_page_for_the_filters(client, admin):
    for phone in ("79001234567", "380501234567", "380671234567"):
        await inteltele_send(client, phone)
    response = await client.get("/__admin/inbox/events?phone_prefix=380&limit=1&order=asc")
    name, hello = await EventReader(response).next()
    response.close()
    assert name == "hello"
    assert [m["phone"] for m in hello["messages"]] == ["380671234567", "380501234567"]
    assert hello["next"] is None and hello["now"] == "2026-01-01T09:00:00Z"
    assert hello["violations"] == 0


def test_the_links_to_requests_are_bounded_like_the_journal():
    state = build_state(None, clock="frozen")
    links = RequestLinks(capacity=3)
    state.messages.listeners.append(links.on_message)
    journal = Journal(capacity=3)
    journal.listeners.append(links.on_entry)
    for n in range(5):
        fill(state, 1)
        journal.record(at=state.clock.now(), provider="smsc", method="GET", path="/sys/send.php",
                       query=f"n={n}", body=b"", remote="", status=200, reply=b"", violations=[])
    newest_first = list(reversed(state.messages))
    assert [links.entry_of(m.id).query for m in newest_first[:3]] == ["n=4", "n=3", "n=2"]
    assert [links.entry_of(m.id) for m in newest_first[3:]] == [None, None]
