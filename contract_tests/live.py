"""Requests to a mock on a real socket (the `live` fixture), for tests that drive it from
hypothesis or from several threads at once."""

from __future__ import annotations

import urllib.error
import urllib.request


def call(live, path: str, method: str = "GET", query: str = "", body: bytes | None = None,
         content_type: str = "text/plain") -> tuple[int, str, bytes]:
    """(status, content type, body) of one request; an HTTP error status is an answer too."""
    url = f"{live.url}{path}?{query}" if query else f"{live.url}{path}"
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read()
