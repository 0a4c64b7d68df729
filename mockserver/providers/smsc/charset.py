"""SMSC's `charset`: how the request's text is decoded and the reply encoded.

Without `charset` both are windows-1251, SMSC's default; `utf-8` and `koi8-r` when asked.
The parameter itself is ASCII, so it is read from the raw request before anything is decoded."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from ..http import BadRequestBody, merged_params, note_violation, parse_query


@dataclass(frozen=True, slots=True)
class Charset:
    label: str  # as SMSC spells it, and as the reply's Content-Type names it
    codec: str  # Python's codec name


WINDOWS_1251 = Charset("windows-1251", "cp1251")
UTF_8 = Charset("utf-8", "utf-8")
KOI8_R = Charset("koi8-r", "koi8_r")
DEFAULT = WINDOWS_1251

# The documented spellings, and a few seen in client code ("utf8", "koi8_r", "cp1251").
_SPELLINGS = {
    "windows-1251": WINDOWS_1251, "cp1251": WINDOWS_1251, "win-1251": WINDOWS_1251,
    "windows1251": WINDOWS_1251,
    "utf-8": UTF_8, "utf8": UTF_8,
    "koi8-r": KOI8_R, "koi8_r": KOI8_R, "koi8r": KOI8_R,
}


def charset_named(name: str) -> Charset | None:
    """The charset a `charset` value names; None for a value SMSC does not know."""
    return _SPELLINGS.get(name.strip().lower()) if name.strip() else DEFAULT


class UnreadableRequest(ValueError):
    """The body could not be read; the reply is a parameters error in SMSC's default charset."""


QUERY = web.RequestKey("smsc_query_latin1", dict)
_BODIES = ("POST", "PUT", "PATCH")  # the methods whose body merged_params reads


def read_query(request: web.Request) -> dict[str, str]:
    """The query string's parameters in latin-1 (it maps every byte, so `charset` and the login
    are found whatever the text holds), kept for the rest of the request."""
    query = request[QUERY] = dict(parse_query(request.rel_url.raw_query_string, "latin-1"))
    return query


def query_params(request: web.Request) -> dict[str, str]:
    """The query string's parameters in latin-1, read once a request."""
    found = request.get(QUERY)
    return read_query(request) if found is None else found


async def read_request(request: web.Request) -> tuple[dict[str, str], Charset]:
    """All parameters (query and body, GET and POST alike) decoded in the request's charset."""
    try:
        if request.method in _BODIES:
            sniffed = await merged_params(request, "latin-1")
        else:
            sniffed = query_params(request)
        charset = charset_named(sniffed.get("charset", ""))
        if charset is None:
            note_violation(request, "unknown_charset", "charset",
                           f"charset is utf-8, koi8-r or windows-1251 (the default); got "
                           f"{sniffed['charset']!r}, so windows-1251 applies")
            charset = DEFAULT
        if request.method not in _BODIES and "%" not in request.rel_url.raw_query_string:
            return dict(sniffed), charset  # no escape to decode: the same in every charset
        return await merged_params(request, charset.codec), charset
    except BadRequestBody as exc:
        note_violation(request, "unreadable_body", "", f"the request body was refused: {exc}")
        raise UnreadableRequest(str(exc)) from exc
