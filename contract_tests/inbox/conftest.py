"""The inbox's fixtures: the control-plane client, a live stream reader, and (where Debian's
chromium and Playwright are installed) a headless browser on a mock with a real socket."""

from __future__ import annotations

import asyncio
import json
import os
import shutil

import pytest

from contract_tests.control_plane.conftest import Admin

CHROMIUM = os.environ.get("MOCKSERVER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# No network and no profile chatter: the page must work offline.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture
def admin(client):
    return Admin(client)


class EventReader:
    """Reads server-sent events off an open stream, one at a time, never waiting forever."""

    def __init__(self, response) -> None:
        self.response = response

    async def next(self, timeout: float = 2.0) -> tuple[str, dict]:
        name, data = "", ""
        async with asyncio.timeout(timeout):
            while True:
                line = (await self.response.content.readline()).decode()
                if not line:
                    raise EOFError("the stream ended")
                line = line.rstrip("\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    data = line[6:]
                elif line == "" and name:
                    return name, json.loads(data)

    async def until(self, wanted: str, timeout: float = 2.0) -> dict:
        """The next event called `wanted`, skipping the others (clock ticks and the like)."""
        async with asyncio.timeout(timeout):
            while True:
                name, data = await self.next(timeout)
                if name == wanted:
                    return data


@pytest.fixture
async def events(client):
    opened = []

    async def open_stream(query: str = "") -> EventReader:
        response = await client.get("/__admin/inbox/events" + (f"?{query}" if query else ""))
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/event-stream"
        reader = EventReader(response)
        assert (await reader.next())[0] == "hello"
        opened.append(response)
        return reader

    yield open_stream
    for response in opened:
        response.close()


@pytest.fixture(scope="module")  # Playwright's sync API holds a loop: none beside async tests
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"the page's script failed: {errors}"


@pytest.fixture
def mock(live):
    """The live mock's base URL, reset for this test."""
    from .browser import http

    http(live.url, "/__admin/reset", method="POST", body={})
    return live.url
