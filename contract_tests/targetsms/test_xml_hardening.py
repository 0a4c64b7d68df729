"""Hostile XML is refused with the platform's own error: no entity is expanded, no DTD or
network is touched, size and depth are bounded. And the documents' one-line rule."""

from __future__ import annotations

import time

import pytest

from .conftest import VIBER_THEN_SMS, xml_message, xml_request

BAD_XML = "Неправильный формат XML документа"


def with_doctype(doctype: str, inner: str) -> bytes:
    return (f'<?xml version="1.0"?>{doctype}<request><security><login value="demo"/>'
            f'<password value="demo"/></security>{inner}</request>').encode()


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE request [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE request SYSTEM "http://127.0.0.1:1/evil.dtd">',
    '<!DOCTYPE request [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    '<!DOCTYPE request>',
])
async def test_a_doctype_is_refused(wires, doctype):
    inner = ("<message><send_sms>1</send_sms><sender_sms>Shop</sender_sms>"
             "<text_sms>&x;&d;</text_sms><abonent phone=\"79801234567\"/></message>")
    started = time.perf_counter()
    root = await wires.xml("/xml/message.php", with_doctype(doctype, inner))
    assert time.perf_counter() - started < 2
    assert [(e.tag, e.text) for e in root] == [("error", BAD_XML)]
    assert await wires.messages() == []


async def test_an_undeclared_entity_is_not_well_formed(wires):
    body = xml_request("<message><text_sms>&x;</text_sms></message>")
    assert (await wires.xml("/xml/message.php", body))[0].text == BAD_XML


@pytest.mark.parametrize("depth", [7, 300, 5000])  # request/message + depth > 8
async def test_deep_nesting_is_refused(wires, depth):
    inner = "<message>" + "<a>" * depth + "</a>" * depth + "</message>"
    assert (await wires.xml("/xml/message.php", xml_request(inner)))[0].text == BAD_XML


async def test_a_body_over_the_limit_is_refused(wires):
    body = xml_request("<message><text_sms>" + "я" * 600_000 + "</text_sms></message>")
    assert len(body) > 1_048_576
    assert (await wires.xml("/xml/message.php", body))[0].text == BAD_XML


@pytest.mark.parametrize("garbage", [b"\xff\xfe\x00<", b"<request>", b"{}", b"<response/>",
                                     b'<request xmlns="urn:x"/>', b"\x00" * 10])
async def test_garbage_is_not_a_document(wires, garbage):
    for path in ("/xml/message.php", "/xml/state_message.php"):
        assert (await wires.xml(path, garbage))[0].text == BAD_XML


async def test_a_written_backslash_n_is_a_line_break_in_the_message(wires):
    await wires.xml_send(xml_message(
        {**VIBER_THEN_SMS, "text_viber": "Строка 1\nСтрока 2"}, [("79801234567", None)]))
    [message] = await wires.messages()
    assert message["channels"][0]["text"] == "Строка 1\nСтрока 2"


@pytest.mark.parametrize("line_break", [b"\n", b"\r\n", b"\r"])
async def test_a_raw_line_break_is_sent_kept_in_the_text_and_journaled(wires, line_break):
    # A shop module joins an order's lines with CRLF inside <text_viber>; the platform sends
    # it. The documents' rule (001 l.212) is journaled; the line breaks stay in the text.
    message = xml_message({**VIBER_THEN_SMS, "text_viber": "@"}, [("79801234567", "7")])
    body = xml_request(message).replace(b"@", b"1 x Tea" + line_break + b"2 x Cake")
    body = body.replace(b"<message>", line_break + b"<message>")
    root = await wires.xml("/xml/message.php", body)
    [[information]] = root
    assert (information.text, information.get("client_id_message")) == ("send", "7")
    [sent] = await wires.messages()
    assert sent["channels"][0]["text"] == "1 x Tea\n2 x Cake"
    assert [v["rule"] for v in await wires.violations()] == ["xml_line_break"]


async def test_a_line_break_in_a_state_request_is_answered_too(wires):
    body = xml_request("<state>\r\n<id_message>1</id_message>\r\n</state>")
    [state] = await wires.xml("/xml/state_message.php", body)
    assert state.get("id_message") == "1" and state.text == "Сообщение с таким ID не принималось"


async def test_a_document_with_line_breaks_that_is_not_well_formed_is_refused(wires):
    body = xml_request("<message>\r\n<text_viber>a</message>")
    assert (await wires.xml("/xml/message.php", body))[0].text == BAD_XML
    assert await wires.messages() == []
