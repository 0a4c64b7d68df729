"""send.php's options that reshape a text before it is counted and sent: `tinyurl` (short
links), `translit` (Cyrillic in Latin letters), `maxsms` (cut to N parts), and `list` (a text
per number)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from ...core.segments import count_parts
from ..http import Warn

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
    if not raw:
        return texts
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
