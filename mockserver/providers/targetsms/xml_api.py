"""The XML wire (xml/message.php, xml/state_message.php): an XML document in, one out.

Requests are read by a hardened lxml parser: no entities, no DTD, no network, no huge trees,
a bounded body and depth; a document declaring a DOCTYPE is refused outright. The documents
ask for a request on one line: "the XML document must not contain line breaks; line breaks
in the data are written as \\n". Clients in production send raw line breaks all the same
(CRLF between an order's lines inside <text_viber>) and the platform sends them, so a raw
line break is journaled and kept in the text; only a document that is not well-formed XML
gets the format error. A written "\\n" in the data is a line break in the message too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import asdict
from typing import TYPE_CHECKING

from aiohttp import web

from ..http import Warn
from .errors import Refused, TargetError
from .fields import MESSAGE_FIELDS, Abonent, DocumentRequest, MessageFields
from .replies import MessageReply, PhoneOutcome, StateRow

# lxml loads with the first XML document (each function imports it), not while the mock
# starts.
if TYPE_CHECKING:
    from lxml import etree

MAX_DEPTH = 8  # request / message / templateData / parameter is 4 deep
DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>'
INFORMATION_SENT = "send"  # a phone's <information> text when its message was accepted


@functools.cache
def _parser() -> etree.XMLParser:
    """One hardened parser, made on first use (the event loop's thread is its only user)."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, dtd_validation=False,
                           load_dtd=False, huge_tree=False, remove_comments=True,
                           remove_pis=True, collect_ids=False)


@functools.cache
def _too_deep() -> etree.XPath:
    """Whether an element lies MAX_DEPTH levels below the root (the root is level 1): one
    level too deep. A compiled XPath answers in C, several times faster than ElementPath."""
    from lxml import etree

    return etree.XPath("boolean(" + "/*" * (MAX_DEPTH + 1) + ")")


def _document(body: bytes, max_bytes: int, warn: Warn) -> etree._Element:
    from lxml import etree

    if not body.strip():
        raise Refused(TargetError.NO_POST_DATA)
    if len(body) > max_bytes:
        warn("body_too_large", "", f"the XML document is over {max_bytes} bytes")
        raise Refused(TargetError.BAD_XML)
    try:
        root = etree.fromstring(body, _parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise Refused(TargetError.BAD_XML) from exc
    if root.getroottree().docinfo.doctype:
        warn("xml_doctype", "", "a DOCTYPE (and any entity declaration) is not accepted")
        raise Refused(TargetError.BAD_XML)
    if root.tag != "request" or _too_deep()(root):
        raise Refused(TargetError.BAD_XML)
    if b"\n" in body or b"\r" in body:
        # 001 l.212; the platform sends such documents all the same, line breaks and all.
        warn("xml_line_break", "",
             'the XML document must not contain line breaks; write a line break in the data '
             'as "\\n" and send the whole document on one line')
    return root


def _data(text: str | None) -> str:
    """Element text, with the documents' written "\\n" turned into a line break."""
    return (text or "").replace("\\n", "\n")


def _message(element: etree._Element) -> MessageFields:
    from lxml import etree

    fields = MessageFields()
    for child in element.iterchildren(tag=etree.Element):
        if child.tag in MESSAGE_FIELDS:
            fields.values[child.tag] = _data(child.text)
        elif child.tag == "abonent":
            fields.abonents.append(Abonent(child.get("phone", ""),
                                           child.get("client_id_message", "")))
        elif child.tag == "templateData":
            fields.template_data = {parameter.tag: _data(parameter.text)
                                    for parameter in child.iterchildren(tag=etree.Element)}
    return fields


def _first(parent: etree._Element | None, tag: str) -> etree._Element | None:
    """parent.find(tag) for a plain tag, without ElementPath's Python."""
    return None if parent is None else next(parent.iterchildren(tag), None)


def parse(body: bytes, max_bytes: int, warn: Warn) -> DocumentRequest:
    """The request an XML document holds; raises `Refused` when it holds none."""
    root = _document(body, max_bytes, warn)
    login, password = _credential(root, "login"), _credential(root, "password")
    request = DocumentRequest(login.get("value", "") if login is not None else "",
                              password.get("value", "") if password is not None else "")
    messages = list(root.iterchildren("message"))
    if messages:
        request.messages = [_message(element) for element in messages]
    state = _first(root, "state")
    if state is not None:
        request.state_ids = [_data(element.text).strip()
                             for element in state.iterchildren("id_message")]
    return request


def _credential(root: etree._Element, tag: str) -> etree._Element | None:
    """root.find(f"security/{tag}"): the first such element of any <security>."""
    for security in root.iterchildren("security"):
        found = _first(security, tag)
        if found is not None:
            return found
    return None


def _reply(root: etree._Element) -> web.Response:
    from lxml import etree

    body = DECLARATION + etree.tostring(root, encoding="utf-8")
    return web.Response(body=body, content_type="text/xml", charset="utf-8")


def error(error: TargetError) -> web.Response:
    from lxml import etree

    root = etree.Element("response")
    etree.SubElement(root, "error").text = error.value
    return _reply(root)


def _information(parent: etree._Element, outcome: PhoneOutcome) -> None:
    from lxml import etree

    element = etree.SubElement(parent, "information")
    if outcome.error is not None:
        element.set("client_id_message", outcome.client_id)
        element.set("phone", outcome.phone)
        element.text = outcome.error.value
        return
    ids = outcome.channel_ids()
    # The attribute order of the documents' example, then count_message, which the example
    # leaves out and the field list gives right after phone (001 l.259-260).
    for name, value in (("id_message", outcome.id_message),
                        ("client_id_message", outcome.client_id), ("id_sms", ids["id_sms"]),
                        ("id_viber", ids["id_viber"]), ("id_vk", ids["id_vk"]),
                        ("phone", outcome.phone), ("count_message", outcome.count_message)):
        element.set(name, value)
    element.text = INFORMATION_SENT


def send_reply(messages: Iterable[MessageReply]) -> web.Response:
    from lxml import etree

    root = etree.Element("response")
    for reply in messages:
        message = etree.SubElement(root, "message")
        if reply.error is not None:
            etree.SubElement(message, "error").text = reply.error.value
            continue
        for outcome in reply.outcomes:
            _information(message, outcome)
    return _reply(root)


def state_reply(rows: Iterable[StateRow]) -> web.Response:
    """<state id_message=.. time_change_state=.. state_sms=.. ...>overall status</state>"""
    from lxml import etree

    root = etree.Element("response")
    for row in rows:
        attributes = asdict(row)
        overall = attributes.pop("state")
        element = etree.SubElement(root, "state")
        for name, value in attributes.items():
            element.set(name, value)
        element.text = overall
    return _reply(root)
