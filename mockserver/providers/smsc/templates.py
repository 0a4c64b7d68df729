"""/sys/templates.php: message templates (`add`, `chg`, `del`, `get`).

A template has a name, a text (`msg`), a `format` (the message kind it is for: "", sms, flash,
bin, push, mms, call, mail, viber), an optional `sender` and `fl[1]` (auto-signing). `tpl=<id>`
on send.php and jobs.php sends its text."""

from __future__ import annotations

from ...core.state import MockState
from .book import MAX_ENTRIES, Template, books
from .call_errors import TemplatesError
from .calls import ApiCall, command, created_text, endpoint, rows_text
from .errors import SmscError
from .reply import ok_text

FORMATS = ("", "sms", "flash", "bin", "push", "mms", "call", "mail", "viber")
COMMANDS = ("add", "chg", "del", "get")
MAX_NAME = 100


def _format(call: ApiCall) -> str:
    value = call.text("format").lower()
    if value not in FORMATS:
        call.warn("template_format", "format", f"format is one of {FORMATS}; got {value!r}")
        raise SmscError(TemplatesError.PARAMETERS)
    return value


def _template(call: ApiCall) -> Template:
    raw = call.require("id")
    found = books(call.state).of(call.account.login).templates.get(
        int(raw) if raw.isdigit() else -1)
    if found is None:
        raise SmscError(TemplatesError.NOT_FOUND)
    return found


def _row(template: Template) -> list[tuple[str, object]]:
    # fmt=1 splits on commas: the free texts come last, the message last of all.
    return [("id", template.id), ("format", template.format), ("sender", template.sender),
            ("fl", int(template.autosign)), ("name", template.name),
            ("message", template.message)]


def handle(call: ApiCall) -> str:
    book = books(call.state).of(call.account.login)
    which = command(call, COMMANDS)
    if which == "get":
        return rows_text([_row(t) for t in book.templates.values()], call.fmt, "template")
    if which == "add":
        name, message = call.require("name"), call.require("msg")
        if len(name) > MAX_NAME or len(book.templates) >= MAX_ENTRIES:
            raise SmscError(TemplatesError.SAVE_FAILED)
        template = Template(books(call.state).next_id("template"), name, message, _format(call),
                            call.text("sender"), call.flag("fl[1]"))
        book.templates[template.id] = template
        return created_text(template.id, call.fmt)
    template = _template(call)
    if which == "del":
        del book.templates[template.id]
        return ok_text(call.fmt)
    if "name" in call.params:
        template.name = call.require("name")[:MAX_NAME]
    if "msg" in call.params:
        template.message = call.require("msg")
    if "format" in call.params:
        template.format = _format(call)
    if "sender" in call.params:
        template.sender = call.text("sender")
    if "fl[1]" in call.params:
        template.autosign = call.flag("fl[1]")
    return ok_text(call.fmt)


def template_of(state: MockState, login: str, raw_id: str) -> Template | None:
    """The template `tpl` names for a send, or None."""
    if not raw_id.strip().isdigit():
        return None
    return books(state).of(login).templates.get(int(raw_id))


templates = endpoint(TemplatesError, handle)
