"""HTTP on a bare socket: request lines no HTTP library would send (raw bytes, huge URLs)."""

from __future__ import annotations

import socket
from dataclasses import dataclass


@dataclass
class RawReply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def raw_request(port: int, request_line: bytes, headers: bytes = b"", body: bytes = b"",
                host: str = "127.0.0.1") -> RawReply:
    """Send the request exactly as given (Connection: close) and read the whole reply."""
    length = b"Content-Length: %d\r\n" % len(body) if body else b""
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(request_line + b"\r\nHost: test\r\nConnection: close\r\n" + length
                     + headers + b"\r\n" + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, payload = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in lines[1:])
    return RawReply(int(lines[0].split()[1]), {k.lower(): v for k, v in fields.items()}, payload)
