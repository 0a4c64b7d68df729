"""A session recorded from one mock and replayed against another: nothing differs when the mocks
agree, and the request that differs is named when they do not."""

from __future__ import annotations

import json
import threading

import pytest

from mockserver.cli import build_state, main
from mockserver.replay import lines
from mockserver.testing.server import BackgroundServer

from .session import run_session

NO_MONEY = """
[[accounts]]
provider = "smsc"
login = "demo"
password = "demo"
balance = "0.00"
currency = "RUR"
"""


@pytest.fixture
def recorded(tmp_path):
    """A session over all three providers, saved with `mockserver record --url`."""
    with BackgroundServer(build_state(None, clock="frozen")) as mock:
        run_session(mock.url)
        out = tmp_path / "session.jsonl"
        assert main(["record", "--url", mock.url, "--out", str(out)]) == 0
    return out


def test_the_export_holds_every_request_and_the_control_calls_in_their_place(recorded):
    recording = lines.read(str(recorded))
    assert recording[0]["kind"] == "recording" and recording[0]["start"] == "2026-01-01T09:00:00Z"
    kinds = [(line["kind"], line.get("path")) for line in recording[1:]]
    assert kinds[0] == ("control", "/__admin/rules")
    clock_at = kinds.index(("control", "/__admin/clock"))
    event = recording[clock_at]  # kinds[i] is recording[i + 1]
    assert event["path"].endswith("/events") and event["body"] == {"channel": "sms",
                                                                   "status": "undelivered"}
    assert event["message"]["provider"] == "smsc" and event["message"]["provider_ids"]["id"]
    assert kinds[clock_at - 2] == ("request", "/sys/send.php")
    assert kinds[clock_at + 1] == ("request", "/im/status/")
    assert {line["provider"] for line in recording if line["kind"] == "request"} == {
        "inteltele", "targetsms", "smsc"}
    smsc = next(line for line in recording if line.get("path") == "/sys/balance.php")
    assert smsc["reply_type"] == "application/json; charset=windows-1251"
    status_names = [line for line in recording if line.get("path") == "/sys/status.php"]
    # SMSC answers in windows-1251: bytes that are not UTF-8 travel in base64.
    assert any("reply_base64" in line for line in status_names)
    assert recording[-1]["at"] == "2026-01-01T09:00:30Z"


def test_a_session_replays_against_a_fresh_mock_with_no_difference(recorded, tmp_path, capsys):
    report = tmp_path / "report.json"
    with BackgroundServer(build_state(None, clock="frozen")) as fresh:
        assert main(["replay", str(recorded), "--target", fresh.url,
                     "--report", str(report)]) == 0
    result = json.loads(report.read_text())
    assert result["differences"] == []
    assert result["requests"] == 19 and result["control_calls"] == 4
    assert result["target_is_mock"] is True


def test_a_mock_whose_smsc_account_has_no_money_differs_and_names_the_request(
        recorded, tmp_path, capsys):
    poor = tmp_path / "poor.toml"
    poor.write_text(NO_MONEY)
    report = tmp_path / "report.json"
    with BackgroundServer(build_state([str(poor)], clock="frozen")) as target:
        assert main(["replay", str(recorded), "--target", target.url,
                     "--report", str(report)]) == 1
    differences = json.loads(report.read_text())["differences"]
    first = differences[0]
    assert first["call"].startswith("GET /sys/send.php?login=demo&psw=demo&phones=79001234570")
    assert first["provider"] == "smsc"
    assert any('"error": "no money"' in line for line in first["diff"])
    # the SMSC messages were refused, so the event forced on one of them finds no message
    assert {d["provider"] for d in differences} == {"smsc", "control"}
    [event] = [d for d in differences if d["provider"] == "control"]
    assert event["call"].endswith("/events") and "not on the target" in event["diff"][0]
    printed = capsys.readouterr().out
    assert "request 7" in printed and "/sys/send.php" in printed


def test_a_recording_through_the_proxy_replays_against_the_first_mock(tmp_path):
    out = tmp_path / "proxied.jsonl"
    with BackgroundServer(build_state(None, clock="frozen")) as first, \
            BackgroundServer(build_state(None, clock="frozen")) as second:
        proxy = ProxyThread(second.url, out)
        with proxy:
            run_session(proxy.url)
        recording = lines.read(str(out))
        assert sum(line["kind"] == "request" for line in recording) == 19
        assert sum(line["kind"] == "control" for line in recording) == 4
        report = tmp_path / "report.json"
        assert main(["replay", str(out), "--target", first.url, "--report", str(report)]) == 0
    assert json.loads(report.read_text())["differences"] == []


class ProxyThread:
    """`mockserver record --upstream` in a thread of the test, on a free port."""

    def __init__(self, upstream: str, out) -> None:
        import asyncio

        self.upstream, self.out = upstream, out
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.url = ""

    def __enter__(self) -> ProxyThread:
        import asyncio

        from aiohttp import web

        from mockserver.replay.proxy import proxy_app

        self.file = open(self.out, "w", encoding="utf-8")  # noqa: SIM115

        async def start():
            self.runner = web.AppRunner(proxy_app(self.upstream, self.file))
            await self.runner.setup()
            site = web.TCPSite(self.runner, "127.0.0.1", 0)
            await site.start()
            return site._server.sockets[0].getsockname()[1]

        self.thread.start()
        port = asyncio.run_coroutine_threadsafe(start(), self.loop).result(timeout=30)
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc) -> None:
        import asyncio

        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()
        self.file.close()


def test_ids_the_target_hands_out_differently_are_mapped_into_later_requests(recorded,
                                                                             tmp_path):
    """A target whose id counters have moved on (another account sent first, no reset): every
    TargetSMS and SMSC id differs from the recording, and the statuses still match."""
    from mockserver.replay.http import admin

    from .session import get

    report = tmp_path / "report.json"
    with BackgroundServer(build_state(None, clock="frozen")) as busy:
        for provider in ("targetsms", "smsc"):
            assert admin(busy.url, "PUT", f"/accounts/{provider}/other",
                         {"password": "other", "balance": "10.00"}).status == 201
        assert get(busy.url, "/sendmessage.php", login="other", password="other",
                   phone="79005550000", send_sms="1", sender_sms="Shop",
                   text_sms="x").body.isdigit()
        assert get(busy.url, "/sys/send.php", login="other", psw="other", phones="79005550000",
                   mes="x").body.startswith(b"OK")
        assert main(["replay", str(recorded), "--target", busy.url, "--no-reset",
                     "--report", str(report)]) == 0
    assert json.loads(report.read_text())["differences"] == []


def test_a_flaky_session_replays_with_the_same_faults_in_the_same_places(tmp_path):
    """Dropped connections and silences are journaled as no answer, so that the seeded draws of
    the replay fall on the same requests as the recorded ones."""
    from mockserver.replay.http import admin, send

    out, report = tmp_path / "flaky.jsonl", tmp_path / "report.json"
    paths = ["/balance/?username=demo&api_key=demo", "/sys/balance.php?login=demo&psw=demo",
             "/sendmessage.php?login=demo&password=demo&id_message=1"]
    with BackgroundServer(build_state(None, clock="frozen")) as mock:
        assert admin(mock.url, "POST", "/scenario", {"random": {"seed": 5}, "faults": [
            {"kind": kind, "rate": 0.1, "status": 503} for kind in ("timeout", "reset",
                                                                      "status")]}).status == 200
        answers = [send("GET", mock.url + paths[n % 3], timeout=0.3) for n in range(24)]
        seen = [answer.status for answer in answers]
        failures = {answer.failure for answer in answers}
        assert {"timeout", "reset"} <= failures and 503 in seen and seen.count(200) >= 10
        assert main(["record", "--url", mock.url, "--out", str(out)]) == 0
    recording = lines.read(str(out))
    assert [line["status"] for line in recording if line["kind"] == "request"] == seen
    with BackgroundServer(build_state(None, clock="frozen")) as fresh:
        assert main(["replay", str(out), "--target", fresh.url, "--report", str(report),
                     "--timeout", "0.5"]) == 0
    assert json.loads(report.read_text())["differences"] == []


def test_a_toml_scenario_load_and_an_unmatched_path_replay_as_recorded(tmp_path):
    from mockserver.replay.http import send

    from .session import get

    out, report = tmp_path / "toml.jsonl", tmp_path / "report.json"
    scenario = b'[[rules]]\nmatch = {}\noutcome = { sms = "undelivered" }\n'
    with BackgroundServer(build_state(None, clock="frozen")) as mock:
        assert send("POST", mock.url + "/__admin/scenario", scenario,
                    {"Content-Type": "application/toml"}).status == 200
        sent = get(mock.url, "/sys/send.php", login="demo", psw="demo", phones="79001234567",
                   mes="hi", fmt="3").json()
        assert send("GET", mock.url + "/sys/sned.php").status == 404
        send("POST", mock.url + "/__admin/clock", b'{"advance": 10}',
             {"Content-Type": "application/json"})
        assert get(mock.url, "/sys/status.php", login="demo", psw="demo", phone="79001234567",
                   id=str(sent["id"]), fmt="3").json()["status"] == 20
        assert main(["record", "--url", mock.url, "--out", str(out)]) == 0
    toml_line = next(line for line in lines.read(str(out)) if line.get("path") == "/__admin/scenario")
    assert toml_line["content_type"] == "application/toml" and "undelivered" in toml_line["body"]
    with BackgroundServer(build_state(None, clock="frozen")) as fresh:
        assert main(["replay", str(out), "--target", fresh.url, "--report", str(report)]) == 0
    assert json.loads(report.read_text())["requests"] == 3
