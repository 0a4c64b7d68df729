"""A small HTTP/1.1 load generator: keep-alive connections, requests prepared in advance,
replies read by Content-Length. Lighter than an HTTP client library, so the server is what
is measured."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class LoadResult:
    requests: int
    seconds: float
    latencies: list[float]
    statuses: dict[int, int]
    # Percentiles a load generator reported itself (wrk), instead of every latency.
    fixed_percentiles: dict[float, float] | None = None
    cpu_per_request: float = 0.0  # the server's CPU seconds per request, when measured

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        if self.fixed_percentiles is not None:
            return self.fixed_percentiles[p]
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else 0.0


def get(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()


def post(path: str, body: bytes, content_type: str) -> bytes:
    head = (f"POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


async def _read_reply(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    if length:
        await reader.readexactly(length)
    return status


async def _connection(port: int, make: Callable[[int], bytes], counter, deadline: float,
                      result: LoadResult) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while (now := time.perf_counter()) < deadline:
            index = next(counter)
            writer.write(make(index))
            status = await _read_reply(reader)
            result.latencies.append(time.perf_counter() - now)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            result.requests += 1
    finally:
        writer.close()


async def run_load(port: int, make: Callable[[int], bytes], seconds: float,
                   connections: int, start_index: int = 0) -> LoadResult:
    import itertools

    counter = itertools.count(start_index)
    result = LoadResult(0, 0.0, [], {})
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(_connection(port, make, counter, deadline, result)
                           for _ in range(connections)))
    result.seconds = time.perf_counter() - started
    return result
