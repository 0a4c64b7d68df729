"""One recording line as JSON: a request with its reply, a control-plane call, or the header.

A recording is JSON lines, oldest first:

    {"kind": "recording", "version": 1, "start": "2026-01-01T09:00:00Z", "seed": 42}
    {"kind": "request", "at": "...", "provider": "smsc", "method": "GET", "path": "/sys/send.php",
     "query": "login=demo&...", "content_type": "", "remote": "127.0.0.1", "body": "",
     "status": 200, "reply_type": "text/plain; charset=windows-1251", "reply_base64": "..."}
    {"kind": "control", "at": "...", "method": "POST", "path": "/__admin/clock",
     "body": {"advance": 90}, "status": 200}

Bodies are text when they are UTF-8 and `*_base64` otherwise, so that every byte survives."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

VERSION = 1


def put_bytes(line: dict[str, Any], name: str, raw: bytes) -> None:
    try:
        line[name] = raw.decode("utf-8")
    except UnicodeDecodeError:
        line[name + "_base64"] = base64.b64encode(raw).decode("ascii")


def get_bytes(line: Mapping[str, Any], name: str) -> bytes:
    if name + "_base64" in line:
        return base64.b64decode(line[name + "_base64"])
    return str(line.get(name, "")).encode("utf-8")


def header(start: str, seed: int | None) -> dict[str, Any]:
    return {"kind": "recording", "version": VERSION, "start": start, "seed": seed}


def request_line(*, at: str, provider: str, method: str, path: str, query: str,
                 content_type: str, remote: str, body: bytes, status: int, reply_type: str,
                 reply: bytes) -> dict[str, Any]:
    line: dict[str, Any] = {"kind": "request", "at": at, "provider": provider, "method": method,
                            "path": path, "query": query, "content_type": content_type,
                            "remote": remote}
    put_bytes(line, "body", body)
    line |= {"status": status, "reply_type": reply_type}
    put_bytes(line, "reply", reply)
    return line


def control_line(*, at: str, method: str, path: str, body: Any, status: int,
                 message: Mapping[str, Any] | None = None, content_type: str = ""
                 ) -> dict[str, Any]:
    """A control-plane call that changed behaviour. `message` carries the provider ids of the
    message a forced event was for, so that a replay can find the same message on its target."""
    line = {"kind": "control", "at": at, "method": method, "path": path, "body": body,
            "status": status}
    if content_type and not content_type.endswith("json"):
        line["content_type"] = content_type  # a TOML scenario
    if message is not None:
        line["message"] = {"provider": message.get("provider"),
                           "provider_ids": dict(message.get("provider_ids") or {})}
    return line


def control_body(raw: bytes, content_type: str) -> Any:
    """A control-plane body as recorded: the JSON document, or the text (a TOML scenario)."""
    if not raw:
        return None
    if content_type.endswith("json"):
        try:
            return json.loads(raw)
        except ValueError:
            pass
    return raw.decode("utf-8", errors="replace")


def dumps(line: Mapping[str, Any]) -> str:
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"


def read(path: str) -> list[dict[str, Any]]:
    """The lines of a recording file; a line that is not a JSON object is an error naming it."""
    lines = []
    with open(path, encoding="utf-8") as handle:
        for number, text in enumerate(handle, 1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: not JSON: {exc}") from exc
            if not isinstance(line, dict) or "kind" not in line:
                raise ValueError(f"{path}:{number}: not a recording line")
            lines.append(line)
    return lines


# Control-plane calls that change how the mock behaves (what a replay must repeat).
def changes_behaviour(method: str, path: str) -> bool:
    if method == "GET" or not path.startswith("/__admin/"):
        return False
    rest = path.removeprefix("/__admin/")
    if rest in ("reset", "scenario", "rules", "faults", "clock", "messages"):
        return True
    return rest.startswith("accounts/") or (rest.startswith("messages/")
                                            and rest.endswith("/events"))
