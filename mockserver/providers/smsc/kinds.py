"""The kinds of message send.php sends, named by a flag (`flash=1`, `hlr=1`, `mms=1`, ...):
which channel carries each (and so which rate prices it), the number status.php shows as its
`type`, what it keeps beside its text, and the text options `translit` and `maxsms`."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from aiohttp import web

from ...core.billing import Channel
from ...core.messages import Message
from ...core.segments import count_parts
from ...core.sending import SendCommand
from ..http import BODY

Warn = Callable[[str, str, str], None]


@dataclass(frozen=True, slots=True)
class Kind:
    flag: str  # "" for a plain SMS
    channel: Channel
    type_code: int  # status.php's `type` (and the low bits of `flag`)
    needs_text: bool = True


SMS = Kind("", Channel.SMS, 0)
KINDS = (
    Kind("flash", Channel.SMS, 1),
    Kind("bin", Channel.SMS, 2),
    Kind("push", Channel.SMS, 3),
    Kind("hlr", Channel.HLR, 4, needs_text=False),
    Kind("ping", Channel.SMS, 5, needs_text=False),
    Kind("mms", Channel.MMS, 6),
    Kind("call", Channel.CALL, 7),
    Kind("viber", Channel.VIBER, 10),
    Kind("tg", Channel.TELEGRAM, 13),
)
_BY_FLAG = {kind.flag: kind for kind in KINDS}
# Kinds the mock does not imitate: e-mail goes to addresses, not numbers; `soc` to profiles.
UNSUPPORTED = ("mail", "soc")
VOICES = ("m", "m2", "m3", "m4", "w", "w2", "w3", "w4")  # call=1 voice; m by default
MAX_FILES = 20
MAX_FILE_BYTES = 1_048_576


class UnknownKind(ValueError):
    """Two kinds at once, or one the mock does not imitate: error 1."""


def _set(params: Mapping[str, str], flag: str) -> bool:
    return params.get(flag, "").strip() not in ("", "0")


def kind_of(params: Mapping[str, str], warn: Warn) -> Kind:
    named = [flag for flag in (*_BY_FLAG, *UNSUPPORTED) if _set(params, flag)]
    if any(flag in UNSUPPORTED for flag in named):
        flag = next(f for f in named if f in UNSUPPORTED)
        warn("unsupported_message_kind", flag, f"{flag}=1 messages are not imitated by the mock")
        raise UnknownKind(flag)
    if len(named) > 1:
        warn("several_message_kinds", named[1], f"one kind of message a request; got "
             f"{', '.join(f + '=1' for f in named)}")
        raise UnknownKind(named[1])
    return _BY_FLAG[named[0]] if named else SMS


def kind_meta(kind: Kind, params: Mapping[str, str], warn: Warn) -> dict[str, Any]:
    """What a kind keeps beside its text: an MMS's subject, a call's voice and parameters."""
    meta: dict[str, Any] = {"kind": kind.flag} if kind.flag else {}
    if kind.flag == "mms" and params.get("subj", "").strip():
        meta["subj"] = params["subj"].strip()
    if kind.flag == "call":
        voice = params.get("voice", "").strip() or "m"
        if voice not in VOICES:
            warn("call_voice", "voice", f"voice is one of {VOICES}; got {voice!r}, m applies")
            voice = "m"
        meta["voice"] = voice
        if params.get("param", "").strip():
            meta["param"] = params["param"].strip()
    if kind.flag == "bin":
        meta["bin"] = params["bin"].strip()
    return meta


def type_code(message: Message) -> int:
    """status.php's `type` of a stored message."""
    kind = _BY_FLAG.get(message.meta.get("kind", ""))
    if kind is not None:
        return kind.type_code
    attempt = message.current or message.channels[0]
    return 10 if attempt.channel is Channel.VIBER else 0


HLR_TYPE = 4
# The number's home network as an HLR answer reports it (status.php, once delivered).
HLR_FIELDS = ("imsi", "msc", "mcc", "mnc", "cn", "net", "room", "roam_net")


def hlr_fields(message: Message, country_name: str, operator: str) -> dict[str, str]:
    """The HLR answer from the phone tables: home MCC and MNC, country and operator; no
    roaming (`room` and `roam_net` empty) and no serving MSC, which the tables do not hold."""
    subscriber = message.phone[-10:].rjust(10, "0")
    return {"imsi": (message.mcc + message.mnc + subscriber)[:15] if message.mnc else "",
            "msc": "", "mcc": message.mcc, "mnc": message.mnc, "cn": country_name,
            "net": operator, "room": "", "roam_net": ""}


# --- text options -----------------------------------------------------------------------------
_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "h", "ts", "ch", "sh", "sch", "", "y", "'", "e", "yu", "ya"],
    strict=True))


def transliterate(text: str) -> str:
    """translit=1: Cyrillic written in Latin letters, so that a part holds 160 characters."""
    out = []
    for char in text:
        latin = _TRANSLIT.get(char.lower())
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def within_parts(text: str, most: int) -> str:
    """maxsms=N: a text longer than N parts is cut to what N parts hold."""
    if most < 1 or count_parts(text) <= most:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        if count_parts(text[:middle]) <= most:
            low = middle
        else:
            high = middle - 1
    return text[:low]


_LINK = re.compile(r"https?://[^\s]+")
SHORT_LINK = "https://smsc.ru/~{}"  # MOCK: the form of the short links the mock hands out


def shorten_links(text: str) -> str:
    """tinyurl=1: each link becomes a short one (the same link, the same short one)."""
    return _LINK.sub(lambda found: SHORT_LINK.format(
        hashlib.sha1(found.group().encode()).hexdigest()[:6]), text)


def shape_text(text: str, params: Mapping[str, str], warn: Warn) -> str:
    if params.get("tinyurl", "").strip() == "1":
        text = shorten_links(text)
    if params.get("translit", "").strip() in ("1", "2"):
        text = transliterate(text)
    raw = params.get("maxsms", "").strip()
    if raw:
        if raw.isdigit() and int(raw) >= 1:
            text = within_parts(text, int(raw))
        else:
            warn("maxsms_format", "maxsms", f"maxsms is a whole number of parts; got {raw!r}")
    return text


def text_list(raw: str, warn: Warn) -> dict[str, list[str]]:
    """`list`: a text per number, one `phones:text` a line (numbers split by `,` or `;`, a
    line break inside a text written `\\n`), grouped by text in first-seen order."""
    texts: dict[str, list[str]] = {}
    for line in raw.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        phones, colon, text = line.partition(":")
        numbers = [p.strip() for p in re.split(r"[,;]", phones) if p.strip()]
        if not colon or not numbers or not text.strip():
            warn("list_format", "list", f"each line of list is phones:text; got {line[:40]!r}")
            return {}
        texts.setdefault(text.replace("\\n", "\n"), []).extend(numbers)
    return texts


# --- MMS attachments --------------------------------------------------------------------------
def uploaded_files(content_type: str, body: bytes) -> list[dict[str, Any]]:
    """The files of a multipart request (parts with a filename), as the message keeps them:
    field, file name, content type and size."""
    if not content_type.startswith("multipart/") or not body:
        return []
    parsed = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    if not parsed.is_multipart():
        return []
    files = []
    for part in parsed.iter_parts():
        filename = part.get_filename()
        if not filename or len(files) >= MAX_FILES:
            continue
        payload = part.get_payload(decode=True) or b""
        files.append({"field": part.get_param("name", header="content-disposition") or "",
                      "filename": filename, "content_type": part.get_content_type(),
                      "size": len(payload), "truncated": len(payload) > MAX_FILE_BYTES})
    return files


def attach_files(command: SendCommand, request: web.Request) -> None:
    """An MMS keeps the files uploaded with it (multipart), as their descriptions."""
    if command.contents[0].channel is Channel.MMS:
        files = uploaded_files(request.headers.get("Content-Type", ""), request.get(BODY, b""))
        if files:
            command.meta["files"] = files
