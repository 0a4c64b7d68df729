"""Fixtures shared by the contract tests."""

from __future__ import annotations

import pytest

from mockserver.cli import build_state
from mockserver.testing.server import BackgroundServer

from .crashes import CrashWatch


@pytest.fixture(autouse=True)
def crash_watch():
    """Every contract test fails if the mock logged an unexpected exception while it ran, in
    process or on the live socket, even when the client got a well-formed reply."""
    with CrashWatch() as watch:
        yield watch
        watch.check()

# A user project with its own pytest settings, run on its own by serving/test_plugin_example.
collect_ignore = ["plugin_example"]


@pytest.fixture(scope="module")
def live():
    """A mock from the demo fixtures, frozen clock, on a real socket for the whole module."""
    with BackgroundServer(build_state(None, clock="frozen")) as server:
        yield server
