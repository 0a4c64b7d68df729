"""One flow for SMSC's management and data paths (templates, phones, jobs, users,
receive_phones, info, get_mnp, get): read the request in its charset, authenticate, run the
call, render its reply in the requested `fmt`. A call refuses by raising `CallError` with a
member of its path's table; the refusal is rendered once, here.

Replies of these paths are built from rows of (key, value) pairs, laid out as SMSC lays out
its lists: `key = value, ...` lines (fmt 0), comma-separated values (fmt 1), `<list>` of
elements (fmt 2) and a JSON array of objects (fmt 3)."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from aiohttp import web

from ...core.accounts import Account
from ...core.state import MockState
from ...edge import STATE
from ..http import note_violation
from .access import authenticate
from .call_errors import auth_error
from .charset import DEFAULT, Charset, UnreadableRequest, read_request
from .extension import SmscExtension, extension
from .formats import (
    Fmt,
    error_reply,
    fmt_of,
    json_array,
    json_object,
    numeric_id,
    plain,
    respond,
    xml_element,
)

Row = Sequence[tuple[str, Any]]


class CallError(Exception):
    """A refusal: the member of the path's error table the reply names."""

    def __init__(self, error: Enum) -> None:
        super().__init__(error.name)
        self.error = error


@dataclass(slots=True)
class ApiCall:
    """One authenticated request to a management path."""

    request: web.Request
    state: MockState
    params: dict[str, str]
    charset: Charset
    fmt: Fmt
    account: Account
    table: type[Enum]

    @property
    def ext(self) -> SmscExtension:
        return extension(self.state)

    def text(self, name: str) -> str:
        return self.params.get(name, "").strip()

    def flag(self, name: str, value: str = "1") -> bool:
        return self.text(name) == value

    def require(self, name: str) -> str:
        """A parameter the command cannot do without: absent or empty is error 1."""
        found = self.text(name)
        if not found:
            self.warn("missing_parameter", name, f"{name} is required for this command")
            raise CallError(self.table.PARAMETERS)  # type: ignore[attr-defined]
        return found

    def fail(self, member: str) -> CallError:
        return CallError(self.table[member])

    def warn(self, rule: str, field: str, message: str) -> None:
        note_violation(self.request, rule, field, message)

    def limit(self, key: tuple, count: int, window_s: float = 60) -> None:
        """Error 9 past `count` requests with this key within the window."""
        if self.ext.rates.over((self.request.path, self.account.login, *key), count, window_s):
            raise self.fail("TOO_MANY")


Handler = Callable[[ApiCall], "str | web.StreamResponse | Awaitable[str | web.StreamResponse]"]


def endpoint(table: type[Enum], handler: Handler):
    """The aiohttp handler of one path: open, run, render the reply or the refusal."""
    async def handle(request: web.Request) -> web.StreamResponse:
        state = request.app[STATE]
        try:
            params, charset = await read_request(request)
        except UnreadableRequest:
            return error_reply(table.PARAMETERS, fmt_of(request.query), DEFAULT)  # type: ignore
        fmt = fmt_of(params)
        auth = authenticate(state, request, params)
        if auth.account is None:
            return error_reply(auth_error(table, auth.failure), fmt, charset)
        call = ApiCall(request, state, params, charset, fmt, auth.account, table)
        try:
            result = handler(call)
            if inspect.isawaitable(result):
                result = await result
        except CallError as refusal:
            return error_reply(refusal.error, fmt, charset)
        if isinstance(result, web.StreamResponse):
            return result
        return respond(result, fmt, charset)
    return handle


def command(call: ApiCall, names: Sequence[str]) -> str:
    """Which of the path's commands (`add=1`, `get=1`, ...) the request names; none is error 1."""
    for name in names:
        if call.text(name) not in ("", "0"):
            return name
    call.warn("missing_command", "", f"name one command: {', '.join(n + '=1' for n in names)}")
    raise CallError(call.table.PARAMETERS)  # type: ignore[attr-defined]


# --- replies ----------------------------------------------------------------------------------
def rows_text(rows: Sequence[Row], fmt: Fmt, tag: str) -> str:
    """A list: one line, element or object a row. fmt=1 keeps the values in key order, so a
    caller puts free text last."""
    if fmt is Fmt.TEXT:
        return "\n".join(", ".join(f"{k} = {plain(v)}" for k, v in row) for row in rows)
    if fmt is Fmt.NUMBERS:
        return "\n".join(",".join(plain(v) for _, v in row) for row in rows)
    if fmt is Fmt.XML:
        return "<list>\n" + "\n".join(xml_element(tag, row) for row in rows) + "\n</list>" \
            if rows else "<list>\n</list>"
    return json_array(json_object(row) for row in rows)


def object_text(row: Row, fmt: Fmt, tag: str = "result") -> str:
    """One record (info.php, a sub-client's figures)."""
    if fmt is Fmt.TEXT:
        return ", ".join(f"{k} = {plain(v)}" for k, v in row)
    if fmt is Fmt.NUMBERS:
        return ",".join(plain(v) for _, v in row)
    if fmt is Fmt.XML:
        return xml_element(tag, row)
    return json_object(row)


def created_text(new_id: int | str, fmt: Fmt) -> str:
    """What an `add` answers: `ID = <id>`, `<id>`, `<result><id/></result>`, `{"id": <id>}`."""
    if fmt is Fmt.TEXT:
        return f"ID = {new_id}"
    if fmt is Fmt.NUMBERS:
        return str(new_id)
    if fmt is Fmt.XML:
        return xml_element("result", [("id", new_id)])
    return json_object([("id", numeric_id(str(new_id)))])
