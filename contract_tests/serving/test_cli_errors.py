"""Every mistake at start-up is one line on stderr that names the port, file or option, with
a non-zero exit and no traceback: the mock is what people debug with."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest


def serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mockserver", "serve", *args],
                          capture_output=True, text=True, timeout=30)


def assert_one_line(out: subprocess.CompletedProcess, *words: str) -> None:
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_a_taken_port_is_named():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        out = serve("--port", str(port))
    assert_one_line(out, f"port {port}", "already in use", "--port")
    assert out.stdout == ""


def test_a_host_that_cannot_be_bound_is_named():
    out = serve("--host", "no-such-host.invalid", "--port", "0")
    assert_one_line(out, "no-such-host.invalid", "--host")


def test_a_missing_fixtures_file_is_named(tmp_path):
    missing = tmp_path / "missing.toml"
    out = serve("--fixtures", str(missing))
    assert out.returncode == 2
    assert_one_line(out, str(missing), "cannot read")


def test_a_fixtures_file_that_is_not_utf8_is_named(tmp_path):
    latin = tmp_path / "latin1.toml"
    latin.write_bytes('[[accounts]]\nprovider = "smsc"\nlogin = "Jos\xe9"\n'.encode("latin-1"))
    out = serve("--fixtures", str(latin))
    assert out.returncode == 2
    assert_one_line(out, str(latin), "UTF-8")


@pytest.mark.parametrize(("args", "option"), [
    (["--port", "eighty"], "--port"),
    (["--port", "65536"], "--port"),
    (["--clock", "slow"], "--clock"),
])
def test_a_bad_option_is_named(args, option):
    out = serve(*args)
    assert out.returncode == 2
    assert_one_line(out, option)


def test_the_recording_proxy_names_a_taken_port_too():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        out = subprocess.run([sys.executable, "-m", "mockserver", "record", "--upstream",
                              "http://127.0.0.1:9", "--port", str(port), "--out",
                              os.devnull], capture_output=True, text=True, timeout=30)
    assert_one_line(out, f"port {port}", "already in use")
