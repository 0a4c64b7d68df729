"""SMSC's JSON and XML layouts, rendered with `json` and lxml.

SMSC writes one member or element a line and nothing more: `{\n"id": 33,\n"cnt": 1\n}` and
`<result>\n<id>33</id>\n<cnt>1</cnt>\n</result>`, no indentation, no XML declaration, no
trailing newline. `json.dumps(indent=0)` gives the objects; SMSC opens an array on its first
object's line and closes it on the last one's (`[{\n...\n},\n{\n...\n}]`), which a newline
after `[` and before `]` is all that differs from. orjson writes the same bytes a tenth as
slowly once its indentation is taken out (json's `indent` runs its pure-Python encoder);
what orjson refuses (a lone surrogate, an integer past 64 bits) goes through `json`. In XML the
parent's text and each child's tail are a newline.

Values: a `Decimal` is money (two decimals, a string); a bool is 1 or 0."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import orjson

from .formats import money

# lxml loads with the first XML reply (each function imports it), not while the mock starts.
if TYPE_CHECKING:
    from lxml import etree

Pairs = Iterable[tuple[str, Any]]
# Characters XML 1.0 cannot carry at all; a text holding them loses them in the XML reply.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INDENT = re.compile("\n +")  # orjson's indentation, which SMSC's layout has none of


class _NotForOrjson(ValueError):
    """A value orjson would write differently from `json` (a float)."""


def _json_ready(value: Any, for_orjson: bool = True) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict):
        return {key: _json_ready(item, for_orjson) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(item, for_orjson) for item in value]
    if for_orjson and isinstance(value, float):
        raise _NotForOrjson(value)
    return value


def _with_json(value: Any) -> str:
    return json.dumps(_json_ready(value, for_orjson=False), indent=0, ensure_ascii=False)


def json_document(value: Any) -> str:
    """An object (a dict) or a list of objects, laid out as SMSC does.

    A string never holds a raw newline in JSON (it is written `\\n`), so every newline in the
    output is layout: the indentation after it goes, and the two replacements touch only where
    arrays open and close."""
    try:
        text = _INDENT.sub("\n", orjson.dumps(_json_ready(value),
                                               option=orjson.OPT_INDENT_2).decode())
    except (orjson.JSONEncodeError, _NotForOrjson):
        text = _with_json(value)
    return text.replace("[\n", "[").replace("\n]", "]")


def xml_value(value: Any) -> str:
    """A value as an XML text or attribute holds it (money with two decimals)."""
    text = money(value) if isinstance(value, Decimal) else str(value)
    return _XML_FORBIDDEN.sub("", text)


def element(tag: str, text: Any = "", attributes: Pairs = ()) -> etree._Element:
    """A leaf element: `<tag a="1">text</tag>`."""
    from lxml import etree

    leaf = etree.Element(tag)
    for key, value in attributes:
        leaf.set(key, xml_value(value))
    leaf.text = xml_value(text)
    return leaf


def parent(tag: str, children: Iterable[etree._Element]) -> etree._Element:
    """`<tag>`, its children one a line, `</tag>` on a line of its own."""
    from lxml import etree

    node = etree.Element(tag)
    node.text = "\n"
    for child in children:
        child.tail = "\n"
        node.append(child)
    return node


def record(tag: str, pairs: Pairs) -> etree._Element:
    """`<tag>` with one child element per pair; an element value is placed as it is."""
    from lxml import etree

    return parent(tag, [value if isinstance(value, etree._Element) else element(key, value)
                        for key, value in pairs])


def xml_document(root: etree._Element) -> str:
    from lxml import etree

    return etree.tostring(root, encoding="unicode")
