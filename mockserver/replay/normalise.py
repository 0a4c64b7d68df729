"""Replies with their volatile values (ids the gateway assigns, dates and times) replaced by
placeholders, per format: JSON by structure, XML by tree, plain text (SMSC's fmt=0/1 too) by
field. Nothing else is normalised, so that any other change shows as a difference.

Each normalised reply also gives the ids it carried, in document order, so that a replay can
pair the ids a recording holds with the ids its target handed out for the same request."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from lxml import etree

ID = "<id>"
TIME = "<time>"

# Names under which the gateways hand out ids a client later uses: IntelTele's message_id
# (msgid in reports), TargetSMS's id_message / id_sms / id_viber / id_vk, SMSC's id.
ID_KEYS = frozenset({"message_id", "msgid", "id_message", "id_sms", "id_viber", "id_vk", "id"})
NOT_AN_ID = frozenset({"", "0"})  # TargetSMS says "0" for a channel that was not used

DATE = re.compile(
    r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
    r"|\d\d[.-]\d\d[.-]\d{4}(?: \d\d:\d\d(?::\d\d)?)?")
UNIX_TIME = re.compile(r"1\d{9}")  # 2001..2033: the only unix times a mock or gateway shows
FIELD = re.compile(r"(?P<key>[^=]*?\S)(?P<sep>\s[-=]\s)(?P<value>.*)", re.S)

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                              remove_blank_text=True)


@dataclass(slots=True)
class Normalised:
    kind: str  # "json", "xml" or "text"
    form: Any  # what is compared
    ids: list[str] = field(default_factory=list)  # the ids found, in document order

    def lines(self) -> list[str]:
        """The normalised reply as lines, for a short diff."""
        if self.kind == "json":
            return json.dumps(self.form, indent=1, sort_keys=True, ensure_ascii=False
                              ).splitlines()
        if self.kind == "xml":
            return list(_xml_lines(self.form, 0))
        return list(self.form)


@dataclass(slots=True)
class Request:
    """What a reply was an answer to (some text replies are read by position)."""

    path: str
    query: str = ""
    body: bytes = b""

    def params(self) -> dict[str, str]:
        params = dict(parse_qsl(self.query, keep_blank_values=True))
        if b"=" in self.body and not self.body.lstrip().startswith((b"{", b"<")):
            params.update(parse_qsl(self.body.decode("latin-1"), keep_blank_values=True))
        return params


def charset_of(content_type: str) -> str:
    match = re.search(r"charset=\"?([\w.:-]+)", content_type, re.I)
    return match.group(1) if match else "utf-8"


def decode(body: bytes, content_type: str) -> str:
    try:
        return body.decode(charset_of(content_type), errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def normalise(body: bytes, content_type: str, request: Request,
              known_ids: frozenset[str] | set[str] = frozenset()) -> Normalised:
    """`known_ids`: ids seen earlier on the same side; a JSON key equal to one (IntelTele's status
    reply is keyed by message id) is an id too."""
    text = decode(body, content_type)
    media = content_type.split(";")[0].strip().lower()
    stripped = text.lstrip()
    if media.endswith("json") or stripped.startswith(("{", "[")):
        try:
            document = json.loads(text)
        except ValueError:
            pass
        else:
            ids: list[str] = []
            return Normalised("json", _json(document, "", known_ids, ids), ids)
    if media.endswith("xml") or stripped.startswith("<"):
        try:
            root = etree.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text).encode("utf-8"),
                                    _XML_PARSER)
        except etree.XMLSyntaxError:
            pass
        else:
            ids = []
            return Normalised("xml", _xml(root, ids), ids)
    ids = []
    return Normalised("text", _text(text, request, ids), ids)


def _value(key: str, value: str, ids: list[str]) -> str:
    key = key.lower()
    if key in ID_KEYS and value not in NOT_AN_ID:
        ids.append(value)
        return ID
    if "timestamp" in key and UNIX_TIME.fullmatch(value):
        return TIME
    return DATE.sub(TIME, value)


def _json(node: Any, key: str, known: frozenset[str] | set[str], ids: list[str]) -> Any:
    if isinstance(node, dict):
        result = {}
        for name, value in node.items():
            shown = name
            if name in known:
                ids.append(name)
                shown = ID
            result[shown] = _json(value, name, known, ids)
        return result
    if isinstance(node, list):
        return [_json(item, key, known, ids) for item in node]
    if isinstance(node, bool) or node is None or isinstance(node, float):
        return node
    if isinstance(node, int):
        normalised = _value(key, str(node), ids)
        return node if normalised == str(node) else normalised
    return _value(key, str(node), ids)


def _xml(element: Any, ids: list[str]) -> tuple:
    attributes = tuple(sorted((name, _value(name, value, ids))
                              for name, value in element.attrib.items()))
    text = _value(element.tag, (element.text or "").strip(), ids)
    return (element.tag, attributes, text, [_xml(child, ids) for child in element])


def _xml_lines(node: tuple, depth: int):
    tag, attributes, text, children = node
    shown = "".join(f' {name}="{value}"' for name, value in attributes)
    yield f"{'  ' * depth}<{tag}{shown}>{text}"
    for child in children:
        yield from _xml_lines(child, depth + 1)


def _positional_key(request: Request, index: int, value: str) -> str:
    """What an unnamed field of a plain-text reply is: TargetSMS's GET send answers with the
    id_message of each phone; SMSC's fmt=1 send starts with the id, its fmt=1 status carries
    unix times."""
    params = request.params()
    if request.path == "/sendmessage.php" and "id_message" not in params and value.isdigit():
        return "id_message"
    if request.path == "/sys/send.php" and params.get("fmt") == "1" and index == 0:
        return "id" if params.get("cost") != "1" else ""
    if request.path.startswith("/sys/") and params.get("fmt") == "1":
        return "timestamp"
    return ""


def _text(text: str, request: Request, ids: list[str]) -> list[str]:
    fields = []
    for index, raw in enumerate(re.split(r",\s*|\r?\n", text.strip())):
        match = FIELD.fullmatch(raw)
        if match:
            key, value = match["key"].strip(), match["value"]
            fields.append(f"{match['key']}{match['sep']}{_value(key, value, ids)}")
        else:
            fields.append(_value(_positional_key(request, index, raw), raw, ids))
    return fields
