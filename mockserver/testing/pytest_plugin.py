"""The `sms_mock` fixture: a mock in-process on a free port, frozen clock, reset per test.

    def test_order_confirmation(sms_mock):
        app = MyApp(sms_base_url=sms_mock.url)
        app.confirm_order(phone="79001234567")
        msg = sms_mock.messages.one(phone="79001234567")
        sms_mock.clock.advance(3600)
        assert sms_mock.messages.get(msg.id).status == "delivered"
        assert sms_mock.violations == []

Options: --sms-mock-fixtures PATH (repeatable) layers your own fixtures on the demo set.
"""

from __future__ import annotations

import pytest

from .control import MockControl
from .server import BackgroundServer


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--sms-mock-fixtures", action="append", default=None, metavar="PATH",
                     help="fixtures files for the sms_mock fixture, layered on the demo set")


@pytest.fixture(scope="session")
def _sms_mock_server(pytestconfig: pytest.Config):
    from ..cli import build_state

    state = build_state(pytestconfig.getoption("--sms-mock-fixtures"), clock="frozen")
    with BackgroundServer(state) as server:
        yield server


@pytest.fixture
def sms_mock(_sms_mock_server: BackgroundServer) -> MockControl:
    control = MockControl(_sms_mock_server.url)
    control.reset()
    return control
