"""A small synchronous client of /__admin/, for tests and scripts.

    mock = MockControl("http://127.0.0.1:8080")
    msg = mock.messages.one(phone="79001234567")
    mock.clock.advance(3600)
    assert mock.messages.get(msg.id).status == "delivered"
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


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

    def call(self, method: str, path: str, body: Any = None, **query: Any) -> Any:
        query = {k: v for k, v in query.items() if v is not None}
        url = self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            raise ControlError(exc.code, json.loads(raw) if raw else None) from None
        return json.loads(raw) if raw else None


class Messages:
    def __init__(self, http: _Http) -> None:
        self._http = http

    def all(self, **filters: Any) -> list[Record]:
        return _wrap(self._http.call("GET", "/messages", **filters)["messages"])

    def one(self, **filters: Any) -> Record:
        found = self.all(**filters)
        if len(found) != 1:
            raise AssertionError(f"expected one message matching {filters}, found {len(found)}")
        return found[0]

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
        self.messages = Messages(self._http)
        self.clock = Clock(self._http)
        self.accounts = Accounts(self._http)
        self.rules = _Collection(self._http, "/rules", "rules")
        self.faults = _Collection(self._http, "/faults", "faults")

    def reset(self) -> None:
        self._http.call("POST", "/reset")

    def load_scenario(self, document: dict[str, Any]) -> None:
        self._http.call("POST", "/scenario", document)

    def health(self) -> dict[str, Any]:
        return self._http.call("GET", "/health")

    @property
    def requests(self) -> list[Record]:
        return _wrap(self._http.call("GET", "/requests")["requests"])

    @property
    def violations(self) -> list[Record]:
        return _wrap(self._http.call("GET", "/violations")["violations"])

    def reply(self, phone: str, text: str, **fields: Any) -> Record:
        """The recipient at `phone` answers; by default to the last message sent to it
        (`provider`, `login`, `to`, `reply_to` name another)."""
        return Record(self._http.call("POST", "/inbound", {"phone": phone, "text": text,
                                                           **fields}))

    @property
    def inbound(self) -> list[Record]:
        return _wrap(self._http.call("GET", "/inbound")["inbound"])

    @property
    def webhooks(self) -> list[Record]:
        return _wrap(self._http.call("GET", "/webhooks")["webhooks"])
