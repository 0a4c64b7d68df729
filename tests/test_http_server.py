"""A connection keeps aiohttp's C parser until a request line carries raw bytes; then the
lenient parser reads it, whether the raw bytes come in the first chunk or a later one."""

from __future__ import annotations

import asyncio
from unittest import mock

import pytest
from aiohttp.http_parser import HttpRequestParserC, HttpRequestParserPy

from mockserver.http_server import LenientRequestParser, _FallbackParser

pytestmark = pytest.mark.skipif(HttpRequestParserC is HttpRequestParserPy,
                                reason="aiohttp without its C parser")


@pytest.fixture
def parser():
    loop = asyncio.new_event_loop()
    protocol = mock.Mock()
    args = dict(max_line_size=65536, max_field_size=8190, max_headers=128)
    yield _FallbackParser(HttpRequestParserC(protocol, loop, 2**16, **args),
                          lambda: LenientRequestParser(protocol, loop, 2**16, **args))
    loop.close()


def _paths(parser, *chunks: bytes) -> list[str]:
    paths = []
    for chunk in chunks:
        messages, _, _ = parser.feed_data(chunk)
        paths += [message.path for message, _ in messages]
    return paths


def test_an_ascii_connection_stays_on_the_c_parser(parser):
    assert _paths(parser, b"GET /a?x=%D0%9F HTTP/1.1\r\nHost: t\r\n\r\n") == ["/a?x=%D0%9F"]
    assert parser._lenient is None


def test_raw_bytes_in_the_first_request_line_are_percent_encoded(parser):
    line = "GET /a?x=П HTTP/1.1\r\nHost: t\r\n\r\n".encode()
    assert _paths(parser, line) == ["/a?x=%D0%9F"]


def test_raw_bytes_in_a_later_chunk_of_the_request_line_are_read_with_the_rest(parser):
    assert _paths(parser, b"GET /a?y=1&x=", "П HTTP/1.1\r\nHost: t\r\n\r\n".encode()) == [
        "/a?y=1&x=%D0%9F"]


def test_a_keep_alive_connection_switches_at_its_first_raw_request_line(parser):
    paths = _paths(parser, b"GET /one HTTP/1.1\r\nHost: t\r\n\r\n",
                   "GET /two?x=П HTTP/1.1\r\nHost: t\r\n\r\n".encode(),
                   b"GET /three HTTP/1.1\r\nHost: t\r\n\r\n")
    assert paths == ["/one", "/two?x=%D0%9F", "/three"]


def test_raw_bytes_in_a_body_keep_the_c_parser(parser):
    body = "текст".encode()
    request = b"POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    assert _paths(parser, request) == ["/b"]
    assert parser._lenient is None


def test_raw_bytes_in_a_body_sent_after_its_head_keep_the_c_parser(parser):
    head = b"POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\n"
    assert _paths(parser, head, b"\x01\x03\x08\xe0", b"GET /c HTTP/1.1\r\nHost: t\r\n\r\n") == [
        "/b", "/c"]
    assert parser._lenient is None
