"""The `sms_mock` fixture: a mock in-process on a free port, frozen clock, reset per test.

    def test_sign_in(sms_mock):
        app = MyApp(sms_base_url=sms_mock.url, **sms_mock.account("smsc").params)
        app.request_sign_in(phone="79001234567")  # texts a code from a background job
        assert app.sign_in("79001234567", sms_mock.messages.code("79001234567"))
        sms_mock.assert_no_violations()

Options:
  --sms-mock-fixtures PATH (repeatable)  your own fixtures, layered on the demo set;
  --sms-mock-url URL                     a mock already running (shared, e.g. in
                                         docker-compose) instead of one in the test process;
                                         nothing is reset there: each test works on accounts
                                         of its own (`sms_mock.account(provider)`).
Marker: @pytest.mark.sms_mock(fixtures="scenario.toml") loads a scenario (the fixtures
format, path relative to the test file) for one test, on top of the fixtures.

Each xdist worker (`pytest -n 2`) is its own process with its own mock.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..config import load_file
from ..core.state import Fixtures, MockState
from .control import ControlError, MockControl
from .server import BackgroundServer
from .session import SmsMock

MARKER = "sms_mock"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("sms_mock", "the SMS gateway mock (sms_mock fixture)")
    group.addoption("--sms-mock-fixtures", action="append", default=None, metavar="PATH",
                    help="fixtures files for the sms_mock fixture, layered on the demo set")
    group.addoption("--sms-mock-url", default=None, metavar="URL",
                    help="use the mock running at URL instead of one in the test process; "
                         "each test then gets accounts of its own (sms_mock.account)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}(fixtures=PATH): load a scenario file (TOML, the fixtures "
                   "format; relative to the test file) for this test")
    url = config.getoption("--sms-mock-url", None)
    if url:
        config.stash[REMOTE] = RemoteMock(url)  # checked now: a wrong URL stops the run


class RemoteMock:
    """A mock someone else runs: reached over HTTP only, never reset by the kit."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        try:
            MockControl(self.url).health()
        except (OSError, ControlError) as exc:
            raise pytest.UsageError(
                f"--sms-mock-url {url}: no mock answers there ({exc})") from None


REMOTE = pytest.StashKey[RemoteMock]()


@pytest.fixture(scope="session")
def _sms_mock_server(pytestconfig: pytest.Config):
    if REMOTE in pytestconfig.stash:
        yield pytestconfig.stash[REMOTE]
        return
    from ..cli import build_state

    state = build_state(pytestconfig.getoption("--sms-mock-fixtures"), clock="frozen")
    with BackgroundServer(state) as server:
        yield server


def _scenario(request: pytest.FixtureRequest) -> Path | None:
    marker = request.node.get_closest_marker(MARKER)
    if marker is None:
        return None
    path = marker.kwargs.get("fixtures") or (marker.args[0] if marker.args else None)
    if not path:
        raise pytest.UsageError(f"{request.node.nodeid}: @pytest.mark.{MARKER} needs "
                                "fixtures=PATH")
    return Path(request.path).parent / path


@pytest.fixture
def sms_mock(request: pytest.FixtureRequest, _sms_mock_server) -> SmsMock:
    scenario = _scenario(request)
    mock = SmsMock(_sms_mock_server.url)
    if not isinstance(_sms_mock_server, BackgroundServer):
        if scenario is not None:
            mock.load_scenario_file(scenario)
        return mock
    # The reset runs on the mock's own loop, not over HTTP: queued for the first request
    # the test makes, it costs the test no thread hand-over. A scenario is loaded at once,
    # so that a bad one fails this test's setup.
    state = _sms_mock_server.state
    if scenario is None:
        _sms_mock_server.before_next_request(state.reset)
    else:
        layer = load_file(scenario)
        _sms_mock_server.call(lambda: _start_test(state, layer))
    return mock


def _start_test(state: MockState, scenario: Fixtures) -> None:
    state.reset()
    state.load_scenario(scenario)
