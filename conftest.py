"""Shared fixtures: a mock built from the demo fixtures, on a frozen clock, and a client for it."""

from __future__ import annotations

import pytest

from mockserver.app import create_app
from mockserver.config import default_fixtures_path, load_files
from mockserver.core.clock import ClockMode
from mockserver.core.state import MockState


@pytest.fixture
def state() -> MockState:
    return MockState(load_files([default_fixtures_path()]), clock_mode=ClockMode.FROZEN)


@pytest.fixture
async def client(aiohttp_client, state):
    return await aiohttp_client(create_app(state))
