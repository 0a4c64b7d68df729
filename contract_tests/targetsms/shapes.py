"""The documented reply shapes of the three wires, as checks a test can run on any reply.

The XML replies are read into the JSON shape (attributes as keys, the overall state from the
element text) and held to the same schema, less count_message, which the XML example omits.
"""

from __future__ import annotations

import re

import jsonschema
from lxml import etree

from mockserver.providers.targetsms.errors import TargetError
from mockserver.providers.targetsms.statuses import PlatformStatus

ERROR_TEXTS = frozenset(error.value for error in TargetError)
WORDS = frozenset(str(word) for word in PlatformStatus)
UNKNOWN = TargetError.UNKNOWN_MESSAGE.value

_ERROR = {"enum": sorted(ERROR_TEXTS)}
_ID = {"type": "string", "pattern": r"^[1-9][0-9]*$"}
_ID_OR_ZERO = {"type": "string", "pattern": r"^(0|[1-9][0-9]*)$"}
_TEXT = {"type": "string"}
_WORD = {"enum": sorted(WORDS)}
_PRICE = {"type": "string", "pattern": r"^(0|[0-9]*[1-9]|[0-9]+\.[0-9]*[1-9])$"}  # no "0.20"


def _object(properties: dict) -> dict:
    return {"type": "object", "additionalProperties": False,
            "required": list(properties), "properties": properties}


ERROR_REPLY = _object({"error": _ERROR})


def _sent(with_count: bool) -> dict:
    properties = {"id_message": _ID, "client_id_message": _TEXT, "phone": _TEXT}
    if with_count:
        properties["count_message"] = _ID
    return _object({**properties, "id_viber": _ID_OR_ZERO, "id_sms": _ID_OR_ZERO,
                    "id_vk": _ID_OR_ZERO})


def send_reply(with_count: bool = True) -> dict:
    phone_error = _object({"client_id_message": _TEXT, "phone": _TEXT, "error": _ERROR})
    block = {"anyOf": [ERROR_REPLY, {"type": "array", "items": {
        "anyOf": [_sent(with_count), phone_error]}}]}
    return _object({"message": {"type": "array", "items": block}})


KNOWN_ROW = _object({
    "id_message": _ID, "time_change_state": {
        "type": "string", "pattern": r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"},
    "state": _WORD, "state_sms": _WORD, "state_viber": _WORD, "state_vk": _WORD,
    "num_parts_sms": {"type": "string", "pattern": r"^(0|[1-9][0-9]*)$"},
    "price_sms": _PRICE, "price_viber": _PRICE, "price_vk": _PRICE})
UNKNOWN_ROW = _object({
    "id_message": _TEXT, "time_change_state": {"const": ""}, "state": {"const": UNKNOWN},
    "state_sms": {"const": ""}, "state_viber": {"const": ""}, "state_vk": {"const": ""},
    "num_parts_sms": {"const": "0"}, "price_sms": {"const": "0"},
    "price_viber": {"const": "0"}, "price_vk": {"const": "0"}})
STATE_REPLY = _object({"state": {"type": "array", "items": {"anyOf": [KNOWN_ROW, UNKNOWN_ROW]}}})

JSON_REPLY = {"anyOf": [ERROR_REPLY, send_reply(), STATE_REPLY]}
XML_SEND_REPLY = {"anyOf": [ERROR_REPLY, send_reply(with_count=False)]}
XML_STATE_REPLY = {"anyOf": [ERROR_REPLY, STATE_REPLY]}

_GET_PART = re.compile(r"[1-9][0-9]*")


def check_get(body: str) -> None:
    """A status word, or the IDs / error texts comma-separated (no error text has a comma)."""
    assert body in WORDS or all(
        _GET_PART.fullmatch(part) or part in ERROR_TEXTS for part in body.split(",")), body


def _information(element: etree._Element) -> dict[str, str]:
    if element.get("id_message") is not None:
        assert element.text == "send"
        return dict(element.attrib)
    return {**element.attrib, "error": element.text or ""}


def xml_as_json(raw: bytes) -> dict:
    """The XML reply read into the JSON reply's shape."""
    assert raw.startswith(b'<?xml version="1.0" encoding="utf-8"?><response>'), raw[:80]
    assert b"\n" not in raw
    root = etree.fromstring(raw)
    assert root.tag == "response" and len(root) >= 0
    tags = {child.tag for child in root}
    if tags == {"error"}:
        assert len(root) == 1
        return {"error": root[0].text}
    if tags <= {"message"} and root.find("message") is not None:
        blocks = []
        for message in root:
            if message.find("error") is not None:
                assert len(message) == 1
                blocks.append({"error": message[0].text})
            else:
                blocks.append([_information(child) for child in message])
        return {"message": blocks}
    assert tags <= {"state"}, tags
    return {"state": [{**{k: v for k, v in row.attrib.items() if k == "id_message"},
                       "time_change_state": row.get("time_change_state"), "state": row.text,
                       **{k: v for k, v in row.attrib.items()
                          if k not in ("id_message", "time_change_state")}}
                      for row in root]}


def check(document: dict, schema: dict) -> None:
    jsonschema.validate(document, schema)
