"""Load from wrk (a C load generator) when the machine has it: it costs the machine far less
than a Python loader, so on two cores the server under test gets one core to itself and wrk
the other. Each request is taken in turn from a file of prepared requests (distinct numbers
and texts, so no repeat rule refuses them)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable

from .load import LoadResult

SCRIPT = r"""
local requests = {}
local next_index = 1
function init(args)
  local file = io.open(args[1], "rb")
  local data = file:read("*a")
  file:close()
  for request in string.gmatch(data, "([^%z]+)%z") do
    requests[#requests + 1] = request
  end
end
function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end
"""

PREPARED = 60_000


def available() -> bool:
    return shutil.which("wrk") is not None


def pin(cpu: int) -> Callable[[], None] | None:
    """A preexec function that keeps a child process on one CPU (None on one-CPU machines)."""
    if (os.cpu_count() or 1) < 2 or not hasattr(os, "sched_setaffinity"):
        return None
    return lambda: os.sched_setaffinity(0, {cpu})


def run(port: int, make: Callable[[int], bytes], seconds: float, connections: int,
        start_index: int = 0) -> LoadResult:
    with tempfile.TemporaryDirectory() as folder:
        script, prepared = os.path.join(folder, "load.lua"), os.path.join(folder, "requests")
        with open(script, "w") as out:
            out.write(SCRIPT)
        with open(prepared, "wb") as out:
            for index in range(start_index, start_index + PREPARED):
                out.write(make(index) + b"\0")
        completed = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency", "-s", script,
             f"http://127.0.0.1:{port}/", "--", prepared],
            capture_output=True, text=True, check=True, preexec_fn=pin(1))
    return parse(completed.stdout, seconds)


def parse(report: str, seconds: float) -> LoadResult:
    total = int(re.search(r"(\d+) requests in", report).group(1))
    p99 = _duration(re.search(r"99%\s+([\d.]+\w+)", report).group(1))
    p50 = _duration(re.search(r"50%\s+([\d.]+\w+)", report).group(1))
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    errors = int(failed.group(1)) if failed else 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                              r"timeout (\d+)", report)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    result = LoadResult(total, seconds, [], {200: total - errors, 0: errors})
    result.fixed_percentiles = {0.5: p50, 0.99: p99}
    return result


def _duration(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]
