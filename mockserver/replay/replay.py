"""Replay a recording against a target and compare what it answers with what was recorded.

When the target is a mock, it is first reset, its clock frozen at the recording's start, its
random seeded as the recording's was, and the control-plane calls are replayed in their place,
so that the same statuses come out. Against anything else only the requests are sent."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from ..core.clock import format_instant, parse_instant
from . import http, lines
from .diff import differs
from .ids import IdMap
from .normalise import Request, normalise


@dataclass(slots=True)
class Difference:
    number: int  # the request's place among the recording's requests, from 1 (0: a control call)
    line: int  # the line of the recording, from 1
    request: str  # "GET /sys/send.php?..." as sent
    provider: str
    diff: list[str]

    def to_mapping(self) -> dict[str, Any]:
        return {"request": self.number, "line": self.line, "call": self.request,
                "provider": self.provider, "diff": self.diff}

    def show(self) -> str:
        what = f"request {self.number}" if self.number else "control call"
        head = f"{what} (line {self.line}, {self.provider}): {self.request}"
        return "\n".join([head, *("  " + line for line in self.diff)])


@dataclass(slots=True)
class Report:
    target: str
    mock: bool = False
    requests: int = 0
    control_calls: int = 0
    skipped_control_calls: int = 0
    differences: list[Difference] = field(default_factory=list)

    def to_mapping(self) -> dict[str, Any]:
        return {"target": self.target, "target_is_mock": self.mock, "requests": self.requests,
                "control_calls": self.control_calls,
                "skipped_control_calls": self.skipped_control_calls,
                "differences": [d.to_mapping() for d in self.differences]}


SILENCE_S = 1.0


def _shown(method: str, path: str, query: str, limit: int = 160) -> str:
    call = f"{method} {path}" + (f"?{query}" if query else "")
    return call if len(call) <= limit else call[: limit - 1] + "…"


class Replayer:
    def __init__(self, target: str, *, reset: bool = True, timeout: float = 10,
                 on_difference: Callable[[Difference], None] | None = None) -> None:
        self.target = target.rstrip("/")
        self.reset = reset
        self.timeout = timeout
        self.on_difference = on_difference
        self.ids = IdMap()
        self.recorded_ids: set[str] = set()
        self.offset = timedelta(0)
        self.now: datetime | None = None  # the target's clock, as last set or read
        self.seed: int | None = None  # the recording's seed, given to the target after resets

    # --- setting up a mock target --------------------------------------------------------------
    def _is_mock(self) -> bool:
        answer = http.admin(self.target, "GET", "/health", timeout=self.timeout)
        try:
            return answer.status == 200 and answer.json().get("status") == "ok"
        except (ValueError, AttributeError):
            return False

    def _read_clock(self) -> None:
        answer = http.admin(self.target, "GET", "/clock", timeout=self.timeout)
        self.now = parse_instant(answer.json()["now"])

    def _prepare(self, header: dict[str, Any] | None, first_at: datetime | None) -> None:
        if self.reset:
            http.admin(self.target, "POST", "/reset", timeout=self.timeout)
        self.seed = header.get("seed") if header is not None else None
        if self.seed is not None:
            http.admin(self.target, "POST", "/scenario", {"random": {"seed": self.seed}},
                       timeout=self.timeout)
        self._read_clock()
        start = parse_instant(header["start"]) if header and header.get("start") else first_at
        if start is None:
            return
        # A target whose clock is already past the recording's start replays shifted in time;
        # dates are normalised in the comparison, and every interval stays as recorded.
        self.offset = max(timedelta(0), self.now - start)
        self._set_clock(start + self.offset, mode="frozen")

    def _set_clock(self, instant: datetime, mode: str | None = None) -> None:
        document: dict[str, Any] = {"set": format_instant(instant)}
        if mode:
            document["mode"] = mode
        answer = http.admin(self.target, "POST", "/clock", document, timeout=self.timeout)
        if answer.status == 200:
            self.now = parse_instant(answer.json()["now"])

    def _follow_clock(self, at: str | None) -> None:
        if not at or self.now is None:
            return
        wanted = parse_instant(at) + self.offset
        if wanted > self.now:
            self._set_clock(wanted)

    # --- one line ---------------------------------------------------------------------------
    def _control(self, number: int, line: dict[str, Any]) -> Difference | None:
        path, body = line["path"], line.get("body")
        if path.endswith("/events") and line.get("message"):
            found = self._target_message(line["message"])
            if found is None:
                return Difference(0, number, _shown(line["method"], path, ""), "control",
                                  ["the message this event was for is not on the target"])
            path = f"/__admin/messages/{quote(found, safe='')}/events"
        if path == "/__admin/clock" and isinstance(body, dict) and "set" in body:
            body = {**body, "set": format_instant(parse_instant(body["set"]) + self.offset)}
        content_type = line.get("content_type", "application/json")
        if body is None:
            raw = None
        elif content_type.endswith("json"):
            raw = json.dumps(body).encode()
        else:
            raw = str(body).encode()
        answer = http.send(line["method"], self.target + path, raw,
                           {"Content-Type": content_type}, self.timeout)
        if path == "/__admin/reset" and self.seed is not None and answer.status == 200:
            http.admin(self.target, "POST", "/scenario", {"random": {"seed": self.seed}},
                       timeout=self.timeout)
        if path in ("/__admin/clock", "/__admin/reset"):
            self._read_clock()
        if answer.status >= 300 or answer.status == 0:
            return Difference(0, number, _shown(line["method"], path, ""), "control",
                              [f"recorded HTTP {line.get('status')}, "
                               f"replayed HTTP {answer.status} {answer.body[:200]!r}"])
        return None

    def _target_message(self, message: dict[str, Any]) -> str | None:
        for value in (message.get("provider_ids") or {}).values():
            mapped = self.ids.target_of.get(str(value), str(value))
            if mapped in ("", "0"):
                continue
            answer = http.admin(self.target, "GET", "/messages?provider_id="
                                + quote(mapped, safe="") + "&provider="
                                + quote(str(message.get("provider") or ""), safe=""),
                                timeout=self.timeout)
            found = answer.json().get("messages", []) if answer.status == 200 else []
            if found:
                return found[0]["id"]
        return None

    def _request(self, number: int, line_number: int, line: dict[str, Any]) -> Difference | None:
        query = self.ids.rewrite_pairs(line.get("query", ""))
        content_type = line.get("content_type", "")
        body = self.ids.rewrite_body(lines.get_bytes(line, "body"), content_type)
        headers = {"Content-Type": content_type} if content_type else {}
        if line.get("remote"):
            headers["X-Forwarded-For"] = line["remote"]
        url = self.target + line["path"] + (f"?{query}" if query else "")
        # A recorded dropped connection or silence: waiting longer for it would change nothing.
        timeout = self.timeout if line.get("status") else min(self.timeout, SILENCE_S)
        answer = http.send(line["method"], url, body, headers, timeout)
        recorded = normalise(lines.get_bytes(line, "reply"), line.get("reply_type", ""),
                             Request(line["path"], line.get("query", ""),
                                     lines.get_bytes(line, "body")), self.recorded_ids)
        replayed = normalise(answer.body, answer.content_type, Request(line["path"], query, body),
                             self.ids.target_ids)
        self.ids.learn(recorded.ids, replayed.ids)
        self.recorded_ids.update(recorded.ids)
        diff = differs((int(line.get("status", 0)), line.get("reply_type", ""), recorded),
                       (answer.status, answer.content_type, replayed))
        if not diff:
            return None
        return Difference(number, line_number, _shown(line["method"], line["path"], query),
                          line.get("provider") or "unmatched", diff)

    # --- the whole recording ----------------------------------------------------------------
    def run(self, recording: list[dict[str, Any]],
            progress: Callable[[Iterable], Iterable] = lambda it: it) -> Report:
        report = Report(self.target, mock=self._is_mock())
        header = next((line for line in recording if line.get("kind") == "recording"), None)
        timed = [line for line in recording if line.get("at")]
        if report.mock:
            self._prepare(header, parse_instant(timed[0]["at"]) if timed else None)
        requests = 0
        for line_number, line in progress(list(enumerate(recording, 1))):
            kind = line.get("kind")
            if kind not in ("request", "control"):
                continue
            if kind == "control" and not report.mock:
                report.skipped_control_calls += 1
                continue
            if report.mock:
                self._follow_clock(line.get("at"))
            if kind == "control":
                report.control_calls += 1
                difference = self._control(line_number, line)
            else:
                requests += 1
                difference = self._request(requests, line_number, line)
            if difference is not None:
                report.differences.append(difference)
                if self.on_difference is not None:
                    self.on_difference(difference)
        report.requests = requests
        return report
