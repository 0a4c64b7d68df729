"""A small synchronous client of /__admin/, for tests and scripts.

    mock = MockControl("http://127.0.0.1:8080")
    msg = mock.messages.one(phone="79001234567")
    mock.clock.advance(3600)
    assert mock.messages.get(msg.id).status == "delivered"
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from . import explain


class Record:
    """A JSON object with attribute access (`msg.channels[0].status`); `raw` is the dict."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __getattr__(self, name: str) -> Any:
        try:
            return _wrap(self.raw[name])
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return _wrap(self.raw[name])

    def __eq__(self, other: object) -> bool:
        return self.raw == (other.raw if isinstance(other, Record) else other)

    def __repr__(self) -> str:
        return f"Record({self.raw!r})"


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        return Record(value)
    if isinstance(value, list):
        return [_wrap(item) for item in value]
    return value


class ControlError(RuntimeError):
    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body


class _Http:
    def __init__(self, base_url: str, timeout: float = 30) -> None:
        self.base = base_url.rstrip("/") + "/__admin"
        self.timeout = timeout

    def call(self, method: str, path: str, body: Any = None, query: dict[str, Any] | None = None,
             *, wait_s: float = 0, toml: bytes | None = None) -> Any:
        """One control-plane call; `wait_s` is how long the server may take on purpose."""
        query = {k: v for k, v in (query or {}).items() if v is not None}
        url = self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        headers = {"Content-Type": "application/json"}
        data = json.dumps(body).encode() if body is not None else None
        if toml is not None:
            data, headers = toml, {"Content-Type": "application/toml"}
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout + wait_s) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            raise ControlError(exc.code, json.loads(raw) if raw else None) from None
        return json.loads(raw) if raw else None


def _raw(records: list[Record]) -> list[dict[str, Any]]:
    return [record.raw for record in records]


class Messages:
    """Messages the mock accepted. `scope` holds filters every call adds (a test's account)."""

    def __init__(self, http: _Http, scope: dict[str, str] | None = None) -> None:
        self._http = http
        self.scope: dict[str, str] = scope if scope is not None else {}

    def _filters(self, filters: dict[str, Any]) -> dict[str, Any]:
        return {**self.scope, **filters}

    def all(self, **filters: Any) -> list[Record]:
        return _wrap(self._http.call("GET", "/messages", query=self._filters(filters))["messages"])

    def one(self, **filters: Any) -> Record:
        """The one message matching; fails listing what there was when not exactly one."""
        found = self.all(**filters)
        if len(found) == 1:
            return found[0]
        others = [] if found else self.all()
        raise AssertionError(explain.not_one(self._filters(filters), _raw(found), _raw(others)))

    def wait(self, timeout: float = 5, after: str | None = None, **filters: Any) -> Record:
        """The first message matching (with `status`: the first to reach it), waiting up to
        `timeout` seconds for it; `after` (a message id or an instant) skips older ones."""
        wanted = self._filters(filters)
        try:
            found = self._http.call("GET", "/messages/wait", wait_s=timeout,
                                    query={**wanted, "timeout": timeout, "after": after})
        except ControlError as exc:
            if exc.status != 408:
                raise
            raise AssertionError(explain.timed_out("message", wanted, timeout,
                                                   exc.body["candidates"])) from None
        return Record(found["message"])

    def code(self, phone: str, timeout: float = 5, after: str | None = None,
             **filters: Any) -> str:
        """The newest one-time code sent to `phone`, waiting up to `timeout` seconds for one
        to come; with `after`, the first code in a message newer than it."""
        deadline = time.monotonic() + timeout
        if after is None:
            sent = self.all(phone=phone, **filters)
            with_codes = [message for message in sent if message.codes]
            if with_codes:
                return with_codes[-1].codes[0]
            after = sent[-1].id if sent else None
        while True:
            remaining = max(0.0, deadline - time.monotonic())
            try:
                message = self.wait(timeout=remaining, after=after, phone=phone, **filters)
            except AssertionError:
                sent = self.all(phone=phone, **filters)
                raise AssertionError(explain.timed_out(
                    "one-time code in a message", self._filters({"phone": phone, **filters}),
                    timeout, _raw(sent) or _raw(self.all()))) from None
            if message.codes:
                return message.codes[0]
            after = message.id

    def get(self, message_id: str) -> Record:
        return Record(self._http.call("GET", f"/messages/{message_id}"))

    def event(self, message_id: str, channel: str, status: str) -> Record:
        return Record(self._http.call("POST", f"/messages/{message_id}/events",
                                      {"channel": channel, "status": status}))

    def clear(self) -> None:
        self._http.call("DELETE", "/messages")


class Clock:
    def __init__(self, http: _Http) -> None:
        self._http = http

    @property
    def now(self) -> str:
        return self._http.call("GET", "/clock")["now"]

    def advance(self, seconds: float) -> str:
        return self._http.call("POST", "/clock", {"advance": seconds})["now"]

    def set(self, instant: str) -> str:
        return self._http.call("POST", "/clock", {"set": instant})["now"]

    def freeze(self) -> None:
        self._http.call("POST", "/clock", {"mode": "frozen"})

    def unfreeze(self) -> None:
        self._http.call("POST", "/clock", {"mode": "real"})


class _Collection:
    def __init__(self, http: _Http, path: str, plural: str) -> None:
        self._http, self._path, self._plural = http, path, plural

    def list(self) -> list[Record]:
        return _wrap(self._http.call("GET", self._path)[self._plural])

    def add(self, **spec: Any) -> Record:
        return Record(self._http.call("POST", self._path, spec))

    def clear(self) -> None:
        self._http.call("DELETE", self._path)


class Accounts:
    def __init__(self, http: _Http) -> None:
        self._http = http

    def list(self) -> list[Record]:
        return _wrap(self._http.call("GET", "/accounts")["accounts"])

    def get(self, provider: str, login: str) -> Record:
        return Record(self._http.call("GET", f"/accounts/{provider}/{login}"))

    def put(self, provider: str, login: str, **fields: Any) -> Record:
        return Record(self._http.call("PUT", f"/accounts/{provider}/{login}", fields))

    def patch(self, provider: str, login: str, **fields: Any) -> Record:
        return Record(self._http.call("PATCH", f"/accounts/{provider}/{login}", fields))

    def delete(self, provider: str, login: str) -> None:
        self._http.call("DELETE", f"/accounts/{provider}/{login}")


class MockControl:
    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self._http = _Http(self.url)
        # Filters every read adds: a test's own account on a shared server (see `account`).
        self.scope: dict[str, str] = {}
        self.messages = Messages(self._http, self.scope)
        self.clock = Clock(self._http)
        self.accounts = Accounts(self._http)
        self.rules = _Collection(self._http, "/rules", "rules")
        self.faults = _Collection(self._http, "/faults", "faults")

    def reset(self, provider: str | None = None, login: str | None = None) -> None:
        """Everything back to the start; with provider and login, that account only (its
        messages, journal and balance)."""
        scope = {"provider": provider, "login": login} if provider or login else None
        self._http.call("POST", "/reset", scope)

    def load_scenario(self, document: dict[str, Any]) -> None:
        self._http.call("POST", "/scenario", document)

    def load_scenario_file(self, path: str | Path) -> None:
        """A scenario file (TOML, the fixtures format) on top of the current state."""
        self._http.call("POST", "/scenario", toml=Path(path).read_bytes())

    def health(self) -> dict[str, Any]:
        return self._http.call("GET", "/health")

    def _in_scope(self, records: list[Record]) -> list[Record]:
        login = self.scope.get("login")
        return [r for r in records if login is None or r.raw.get("login") == login]

    @property
    def requests(self) -> list[Record]:
        return self._in_scope(_wrap(self._http.call("GET", "/requests")["requests"]))

    @property
    def violations(self) -> list[Record]:
        return self._in_scope(_wrap(self._http.call("GET", "/violations")["violations"]))

    def assert_no_violations(self) -> None:
        """Fails explaining each contract violation and the rule it breaks."""
        violations = self.violations
        if violations:
            raise AssertionError(explain.violations_text(_raw(violations)))

    def reply(self, phone: str, text: str, **fields: Any) -> Record:
        """The recipient at `phone` answers; by default to the last message sent to it
        (`provider`, `login`, `to`, `reply_to` name another). With accounts of the test's own
        (a shared server), the last message one of them sent there: never another test's."""
        if self.scope and not fields.keys() & {"provider", "login", "reply_to"}:
            fields = {**self._own_reply_target(phone), **fields}
        return Record(self._http.call("POST", "/inbound", {"phone": phone, "text": text,
                                                           **fields}))

    def _own_reply_target(self, phone: str) -> dict[str, str]:
        """Who an answer from `phone` goes to within the scope: the account that last wrote."""
        sent = self.messages.all(phone=phone)
        if not sent:
            return {}
        last = sent[-1]
        return {"provider": last.provider, "login": last.login, "reply_to": last.id}

    @property
    def inbound(self) -> list[Record]:
        return self._in_scope(_wrap(self._http.call("GET", "/inbound")["inbound"]))

    @property
    def webhooks(self) -> list[Record]:
        return _wrap(self._http.call("GET", "/webhooks")["webhooks"])
