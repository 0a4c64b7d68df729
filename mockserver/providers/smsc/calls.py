"""What SMSC's management and data paths (templates, phones, jobs, users, receive_phones, info,
get_mnp, get) share on top of call.py's one flow: the parameters a command reads, its rate
limits, and the list replies.

Lists are laid out as SMSC lays them out: `key = value, ...` lines (fmt 0), comma-separated
values (fmt 1; a caller puts free text last), a `<list>` of elements (fmt 2) and a JSON array
of objects (fmt 3)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from aiohttp import web

from ...core.accounts import Account
from ...core.state import MockState
from .call import Call, smsc_path
from .errors import SmscError
from .extension import SmscExtension, extension
from .formats import Fmt, numeric_id, plain
from .layout import json_document, parent, record, xml_document

Row = Sequence[tuple[str, Any]]
IDENTICAL_LIMIT = 10  # the same request of a login a minute; the next is error 9
_NOT_COMPARED = frozenset({"login", "psw", "apikey"})


@dataclass(slots=True)
class ApiCall:
    """One authenticated request to a management path, with its path's error table."""

    base: Call
    table: type[Enum]

    @property
    def request(self) -> web.Request:
        return self.base.request

    @property
    def state(self) -> MockState:
        return self.base.state

    @property
    def params(self) -> dict[str, str]:
        return self.base.params

    @property
    def account(self) -> Account:
        return self.base.account

    @property
    def fmt(self) -> Fmt:
        return self.base.fmt

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
            raise self.fail("PARAMETERS")
        return found

    def fail(self, member: str) -> SmscError:
        return SmscError(self.table[member])  # type: ignore[arg-type]

    def warn(self, rule: str, field: str, message: str) -> None:
        self.base.warn(rule, field, message)

    def limit(self, key: tuple, count: int, window_s: float = 60) -> None:
        """Error 9 past `count` requests with this key within the window."""
        if self.ext.rates.over((self.request.path, self.account.login, *key), count, window_s):
            raise self.fail("TOO_MANY")


def endpoint(table: type[Enum], work: Callable[[ApiCall], str]):
    """A management path's aiohttp handler: call.py's flow around `work`."""
    def run(call: Call) -> str:
        api = ApiCall(call, table)
        same = tuple(sorted((k, v) for k, v in call.params.items() if k not in _NOT_COMPARED))
        api.limit(("identical", same), IDENTICAL_LIMIT)
        return work(api)
    run.__name__ = work.__module__.rsplit(".", 1)[-1]
    return smsc_path(table)(run)


def command(call: ApiCall, names: Sequence[str]) -> str:
    """Which of the path's commands (`add=1`, `get=1`, ...) the request names; none is error 1."""
    for name in names:
        if call.text(name) not in ("", "0"):
            return name
    call.warn("missing_command", "", f"name one command: {', '.join(n + '=1' for n in names)}")
    raise call.fail("PARAMETERS")


# --- replies ----------------------------------------------------------------------------------
def _line(row: Row, fmt: Fmt) -> str:
    if fmt is Fmt.TEXT:
        return ", ".join(f"{key} = {plain(value)}" for key, value in row)
    return ",".join(plain(value) for _, value in row)


def rows_text(rows: Sequence[Row], fmt: Fmt, tag: str) -> str:
    """A list, one line, element or object a row; an empty list is an empty body (fmt 0, 1),
    `<list>` with nothing in it, or `[]`."""
    if fmt in (Fmt.TEXT, Fmt.NUMBERS):
        return "\n".join(_line(row, fmt) for row in rows)
    if fmt is Fmt.XML:
        return xml_document(parent("list", [record(tag, row) for row in rows]))
    return json_document([dict(row) for row in rows])


def object_text(row: Row, fmt: Fmt, tag: str = "result") -> str:
    """One record (info.php)."""
    if fmt in (Fmt.TEXT, Fmt.NUMBERS):
        return _line(row, fmt)
    if fmt is Fmt.XML:
        return xml_document(record(tag, row))
    return json_document(dict(row))


def created_text(new_id: int, fmt: Fmt) -> str:
    """What an `add` answers: `ID = <id>`, `<id>`, `<result><id/></result>`, `{"id": <id>}`."""
    if fmt is Fmt.TEXT:
        return f"ID = {new_id}"
    if fmt is Fmt.NUMBERS:
        return str(new_id)
    return object_text([("id", numeric_id(str(new_id)))], fmt)
