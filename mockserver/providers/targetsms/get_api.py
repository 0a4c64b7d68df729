"""The GET wire (sendmessage.php): query parameters in, plain text out.

Replies are bare UTF-8 text with no trailing newline: the message IDs comma-separated, a
status word, or an error text.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiohttp import web

from ..http import BadRequestBody, Warn, merged_params, note_violation, parse_query
from .errors import TargetError
from .fields import MESSAGE_FIELDS, Abonent, MessageFields
from .replies import PhoneOutcome

MAX_URL_CHARS = 2000  # "Не стоит использовать URL длиной более 2,000 символов"
# The GET documents name no delivery name and no send time: those are the documents' only.
DOCUMENT_ONLY = ("name_delivery", "time_send")
GET_FIELDS = tuple(name for name in MESSAGE_FIELDS if name not in DOCUMENT_ONLY)


async def read_params(request: web.Request) -> dict[str, str]:
    """The query string (and a form body, if a client POSTs), last value of a repeated key."""
    url_length = len(request.scheme) + 3 + len(request.host) + len(request.raw_path)
    if url_length > MAX_URL_CHARS:
        note_violation(request, "url_too_long", "",
                       f"the URL is {url_length} characters; the documents advise against "
                       f"URLs over {MAX_URL_CHARS:,} characters")
    try:
        return await merged_params(request)
    except BadRequestBody as exc:
        note_violation(request, "unreadable_body", "", f"the request body was ignored: {exc}")
        return dict(parse_query(request.rel_url.raw_query_string))


def message_fields(params: dict[str, str], warn: Warn) -> MessageFields:
    for name in DOCUMENT_ONLY:
        if params.get(name):
            warn("not_a_get_parameter", name,
                 f"{name} is a field of the JSON and XML documents, not of sendmessage.php; "
                 "it is ignored here")
    phones = [Abonent(phone) for phone in params.get("phone", "").split(",") if phone.strip()]
    values = {name: params[name] for name in GET_FIELDS if name in params}
    return MessageFields(values, phones, params.get("templateData"))


def text(body: str) -> web.Response:
    return web.Response(text=body, content_type="text/plain", charset="utf-8")


def error(error: TargetError) -> web.Response:
    return text(error.value)


def send_reply(outcomes: Iterable[PhoneOutcome]) -> web.Response:
    """The IDs in phone order; a phone that was refused has its error text in its place."""
    return text(",".join(outcome.error.value if outcome.error is not None
                         else outcome.id_message for outcome in outcomes))


def status_reply(word: str) -> web.Response:
    return text(word)
