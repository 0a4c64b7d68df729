"""With 10,000 messages stored the inbox shows its first screen within 2 s, since it asks for
one page of the newest; older ones load as the list scrolls."""

from __future__ import annotations

import time

import pytest

from mockserver.cli import build_state
from mockserver.testing.server import BackgroundServer

from .filling import fill

STORED = 10_000
PHONES = tuple(f"7900{n:07d}" for n in range(2_000))  # five messages each


@pytest.fixture(scope="module")
def crowded():
    state = build_state(None, clock="frozen")
    fill(state, STORED, PHONES)
    with BackgroundServer(state) as server:
        yield server


def test_the_first_screen_shows_within_two_seconds_with_10000_stored(page, crowded):
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    started = time.monotonic()
    page.goto(crowded.url + "/")
    page.locator("#threads .thread").first.wait_for(timeout=2000)
    page.locator("#screen .message").first.wait_for(timeout=2000)
    elapsed = time.monotonic() - started
    print(f"first screen with {STORED} stored: {elapsed * 1000:.0f} ms")
    assert elapsed < 2
    newest = PHONES[(STORED - 1) % len(PHONES)]
    assert page.locator("#threads .thread").first.get_attribute("data-phone") == newest
    # The stream's first event carries the newest 50; any page asked for is one page.
    assert any("/__admin/inbox/events" in url for url in asked)
    pages = [url for url in asked if "messages?" in url]
    assert all("limit=50" in url and "order=desc" in url for url in pages)
    assert page.locator("#threads .thread").count() == 50


def test_scrolling_down_loads_older_messages(page, crowded):
    page.goto(crowded.url + "/")
    page.locator("#threads .thread").nth(49).wait_for()
    with page.expect_response(lambda r: "before=" in r.url):
        page.locator("#older").scroll_into_view_if_needed()
    page.locator("#threads .thread").nth(99).wait_for()
    assert page.locator("#threads .thread").count() == 100


def test_a_phone_prefix_finds_old_messages_without_downloading_everything(page, crowded):
    page.goto(crowded.url + "/")
    page.locator("#threads .thread").first.wait_for()
    started = time.monotonic()
    page.fill('input[name="phone_prefix"]', "79000000007")
    page.locator('#threads [data-phone="79000000007"]').wait_for(timeout=2000)
    assert time.monotonic() - started < 2
    assert page.locator("#threads .thread").count() == 1
    assert page.locator("#screen .message").count() == 5
