"""make bench: each provider path against a bare aiohttp handler, measured in the same run.

Absolute figures differ several-fold between machines; the ratios are what to compare:
requests/s as a fraction of the bare handler's, and p99 latency as a multiple of it.
Pending deliveries (the mock's real clock) run in the background during the load, as they
would in use."""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .load import LoadResult, get, run_load
from .memory import bytes_per_message
from .targets import TARGETS

ROOT = Path(__file__).resolve().parent.parent
# Enough money for any run; the demo accounts otherwise as shipped.
RICH = """
[[accounts]]
provider = "inteltele"
login = "demo"
api_keys = ["demo"]
balance = "100000000"
[[accounts]]
provider = "targetsms"
login = "demo"
password = "demo"
balance = "100000000"
[[accounts]]
provider = "smsc"
login = "demo"
password = "demo"
balance = "100000000"
sender_ids = [{ id = 1, sender = "SMSC.ru" }]
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, path: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


def start(args: list[str], port: int, probe: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.DEVNULL)
    wait_until_up(port, probe)
    return process


def sample_reply(port: int, target) -> str:
    """One request's reply, shown under the table: proof that the load was real sends."""
    async def once() -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(target(20_000_000))
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
        body = await reader.readexactly(length)
        writer.close()
        return body
    return asyncio.run(once()).decode("utf-8", "replace")[:110]


def measure(port: int, target, seconds: float, connections: int) -> LoadResult:
    asyncio.run(run_load(port, target, 1.0, connections, start_index=10_000_000))  # warm up
    return asyncio.run(run_load(port, target, seconds, connections))


def row(name: str, result: LoadResult, base: LoadResult) -> str:
    p99, base_p99 = result.percentile(0.99), base.percentile(0.99)
    errors = sum(n for status, n in result.statuses.items() if status != 200)
    return (f"| {name:<32} | {result.rps:>9.0f} | {result.rps / base.rps:>6.2f} | "
            f"{p99 * 1000:>8.2f} | {p99 / base_p99:>6.2f} | {errors:>7} |")


def main() -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--seconds", type=float, default=5.0, help="per target")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", help="run the targets whose name contains this")
    args = parser.parse_args()

    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as rich:
        rich.write(RICH)
    base_port, mock_port = free_port(), free_port()
    baseline = start(["-m", "bench.baseline", str(base_port)], base_port, "/")
    mock = start(["-m", "mockserver", "serve", "--port", str(mock_port), "--fixtures",
                  str(ROOT / "mockserver" / "fixtures" / "default.toml"), rich.name], mock_port,
                 "/__admin/health")
    try:
        print(f"{os.cpu_count()} CPUs; {args.connections} keep-alive connections; "
              f"{args.seconds:g} s per target\n")
        base = measure(base_port, lambda i: get("/"), args.seconds, args.connections)
        print(f"| {'target':<32} |   req/s   | ratio  | p99 (ms) | x p99  | non-200 |")
        print(f"|{'-' * 34}|-----------|--------|----------|--------|---------|")
        print(row("bare aiohttp handler", base, base))
        samples = []
        for name, target in TARGETS.items():
            if args.only and args.only not in name:
                continue
            print(row(name, measure(mock_port, target, args.seconds, args.connections), base))
            samples.append(f"  {name}: {sample_reply(mock_port, target)}")
        print("\na reply of each target:\n" + "\n".join(samples))
    finally:
        for process in (baseline, mock):
            process.terminate()
            process.wait(timeout=10)
        os.unlink(rich.name)
    per_message = bytes_per_message()
    print(f"\nmemory per stored message (Viber + SMS fallback, tracemalloc): "
          f"{per_message / 1024:.2f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
