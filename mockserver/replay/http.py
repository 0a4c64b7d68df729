"""A plain blocking HTTP client for the replay: one request, its status, type and bytes; a
dropped connection or a timeout is an answer too (status 0)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Answer:
    status: int  # 0: no HTTP answer (see `failure`)
    content_type: str
    body: bytes
    failure: str = ""

    def json(self) -> Any:
        return json.loads(self.body)


def send(method: str, url: str, body: bytes | None = None,
         headers: dict[str, str] | None = None, timeout: float = 10) -> Answer:
    request = urllib.request.Request(url, data=body if body else None, method=method,
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(response.status, response.headers.get("Content-Type", ""),
                          response.read())
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, exc.headers.get("Content-Type", ""), exc.read())
    except TimeoutError:
        return Answer(0, "", b"", "timeout")
    except (urllib.error.URLError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            return Answer(0, "", b"", "timeout")
        return Answer(0, "", b"", "reset")


def admin(base: str, method: str, path: str, document: Any = None,
          timeout: float = 10) -> Answer:
    body = json.dumps(document).encode() if document is not None else None
    return send(method, base.rstrip("/") + "/__admin" + path, body,
                {"Content-Type": "application/json"}, timeout)
