"""The commands as a QA engineer types them: a recording proxy in a process of its own, and
replay's one-line refusal of a file that is not a recording."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request

from mockserver.cli import build_state
from mockserver.replay import lines
from mockserver.testing.server import BackgroundServer


def started(*args: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "mockserver", *args],
                               stdout=subprocess.PIPE, text=True)
    first = process.stdout.readline()
    return process, re.search(r"http://127\.0\.0\.1:\d+", first).group(0)


def test_a_recording_proxy_in_front_of_a_mock_with_a_scenario(tmp_path):
    out = tmp_path / "proxied.jsonl"
    with BackgroundServer(build_state(None, clock="frozen", scenarios=["low-balance"])) as mock:
        proxy, proxy_url = started("record", "--upstream", mock.url, "--port", "0",
                                   "--out", str(out))
        try:
            url = f"{proxy_url}/balance/?username=demo&api_key=demo"
            with urllib.request.urlopen(url, timeout=10) as response:
                assert json.loads(response.read()) == {"balance": "0.01"}
        finally:
            proxy.terminate()
            proxy.wait(timeout=10)
    header, request = lines.read(str(out))
    assert header["kind"] == "recording" and header["start"] == "2026-01-01T09:00:00Z"
    assert (request["provider"], request["path"], request["reply"]) == (
        "inteltele", "/balance/", '{"balance": "0.01"}')


def test_replay_of_a_file_that_is_not_a_recording_says_so_in_one_line(tmp_path, capsys):
    from mockserver.cli import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "recording"}\nnot json\n')
    assert main(["replay", str(bad), "--target", "http://127.0.0.1:9"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and f"{bad}:2" in error
