"""Start-up: process start to the first answer, for the mock and for a bare aiohttp server,
and the mock's resident memory once it is idle."""

from __future__ import annotations

import compileall
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answered(port: int, path: str) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=1).read()
    except OSError:
        return False
    return True


def time_to_first_answer(args: list[str], path: str, cwd: Path) -> tuple[float, int]:
    """Seconds from spawning the process to its first answer, and its RSS then (bytes)."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, *args(port)], cwd=cwd,
                               stdout=subprocess.DEVNULL)
    try:
        while not answered(port, path):
            if process.poll() is not None or time.perf_counter() - started > 30:
                raise RuntimeError(f"{args(port)} did not start")
            time.sleep(0.005)
        elapsed = time.perf_counter() - started
        with open(f"/proc/{process.pid}/statm") as statm:
            rss = int(statm.read().split()[1]) * 4096
        return elapsed, rss
    finally:
        process.terminate()
        process.wait(timeout=10)


def compare_starts(bare: tuple, mock: tuple, cwd: Path, runs: int = 7
                   ) -> tuple[float, float, int]:
    """Median start of a bare server and of the mock, each `(args, path)`, their runs taken in
    turn: on a machine shared with other work the load drifts, and runs taken in two blocks
    would measure the two servers under different loads. Also the mock's largest RSS when
    ready. Bytecode is compiled first (the package's, as installing it does, and the bare
    server's own module), so that no run of either compiles what it would find compiled."""
    for package in ("mockserver", "bench"):
        compileall.compile_dir(cwd / package, quiet=1)
    bare_s, mock_s, rss = [], [], 0
    for _ in range(runs):
        bare_s.append(time_to_first_answer(*bare, cwd)[0])
        elapsed, ready_rss = time_to_first_answer(*mock, cwd)
        mock_s.append(elapsed)
        rss = max(rss, ready_rss)
    return statistics.median(bare_s), statistics.median(mock_s), rss
