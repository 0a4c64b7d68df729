"""Serving: the CLI, the forward-proxy drop-in for hard-coded hosts, and the inbox page."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request

import pytest

from mockserver.cli import build_state


def test_plain_http_proxy_reaches_the_mock_whatever_the_host(live):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": live.url}))
    url = ("http://api.sms.intel-tele.com/im/send/?username=demo&api_key=demo"
           "&to=380501234567&im_message=Hi")
    with opener.open(url, timeout=10) as response:
        reply = json.loads(response.read())
    assert reply["reply"][0]["status"] == "OK"
    with opener.open("http://any-reseller.example/balance/?username=demo&api_key=demo",
                     timeout=10) as response:
        assert json.loads(response.read())["balance"].startswith("999.")


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_with_http_proxy_in_the_environment(live):
    env = {**os.environ, "http_proxy": live.url}
    out = subprocess.run(["curl", "-sS", "http://api.sms.intel-tele.com/credit/"
                          "?username=demo&api_key=demo"], env=env, capture_output=True,
                         text=True, timeout=30)
    assert out.stdout == '{"credit": "0.00"}'


def test_inbox_page_and_root_redirect(live):
    with urllib.request.urlopen(live.url + "/", timeout=10) as response:
        assert response.url.endswith("/__admin/inbox")
        page = response.read().decode()
    assert "<title>SMS mock inbox</title>" in page and "/__admin/messages" in page


def test_serve_prints_where_it_listens_and_answers(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "mockserver", "serve", "--port", "0",
                                "--clock", "frozen"], stdout=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        port = re.search(r"http://127\.0\.0\.1:(\d+)", first).group(1)
        banner = "".join(process.stdout.readline() for _ in range(10))
        assert "/im/send/" in banner and "username=demo api_key=demo" in banner
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__admin/health") as response:
            assert json.loads(response.read())["status"] == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__admin/clock") as response:
            assert json.loads(response.read()) == {"now": "2026-01-01T09:00:00Z",
                                                   "mode": "frozen"}
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_explains_a_bad_fixtures_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[accounts]]\nprovider = "inteltele"\nlogin = "x"\nbalance = "lots"\n')
    out = subprocess.run([sys.executable, "-m", "mockserver", "serve", "--fixtures", str(bad)],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2
    assert "bad.toml" in out.stderr and "balance" in out.stderr


def test_fixtures_files_stack(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text('[[accounts]]\nprovider = "inteltele"\nlogin = "qa"\napi_keys = ["qa"]\n'
                     '[rates.viber.us]\n"" = "0.9"\n')
    from mockserver.config import default_fixtures_path
    state = build_state([str(default_fixtures_path()), str(extra)])
    assert state.accounts.get("inteltele", "qa") is not None
    assert state.accounts.get("inteltele", "demo") is not None
    assert str(state.pricing.default_rates.price("viber", "us")) == "0.9"
    assert str(state.pricing.default_rates.price("viber", "ru")) == "0.20"
