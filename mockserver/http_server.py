"""The HTTP server around the application, lenient where the providers' own servers are.

PHP clients that skip `urlencode()` send raw UTF-8 or windows-1251 bytes in the query string.
Apache and nginx pass such a request line on and PHP reads the bytes as if they had been
percent-encoded; aiohttp's C parser refuses them with a bare 400. So a connection whose request
line carries raw bytes is parsed by aiohttp's pure-Python parser, with each raw byte of the
request line percent-encoded first: everything past the parser sees the same ASCII URL a careful
client would have sent, and the provider edges decode it in the request's own charset. Every
other connection keeps the C parser, which costs some tens of microseconds less a request.

A request line over the limit (as large as a body may be) gets the 414 page a provider's web
server would answer, and a header over aiohttp's 8 KiB its 400 page, not aiohttp's plain text.
"""

from __future__ import annotations

import logging
import re

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError, LineTooLong
from aiohttp.http_parser import HttpRequestParserPy, RawRequestMessage
from aiohttp.web_protocol import MAX_MSG_QUEUE_SIZE, RequestHandler, RequestPayloadError

log = logging.getLogger("mockserver.http")

_RAW_BYTE = re.compile(rb"[\x80-\xff]")


def _page(title: str) -> str:
    """An error page as the web servers in front of the providers' PHP write one."""
    return (f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
            f"<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n")


URI_TOO_LONG = (414, _page("414 Request-URI Too Large"))
HEADER_TOO_LARGE = (400, _page("400 Request Header Or Cookie Too Large"))


def percent_encode_raw_bytes(line: bytes) -> bytes:
    """The request line with every byte over 0x7F written as %XX (PHP reads both the same)."""
    if line.isascii():
        return line
    return _RAW_BYTE.sub(lambda match: b"%%%02X" % match[0][0], line)


class LenientRequestParser(HttpRequestParserPy):
    """aiohttp's pure-Python request parser, reading raw bytes in the URL as PHP does."""

    def parse_message(self, lines: list[bytes]) -> RawRequestMessage:
        lines[0] = percent_encode_raw_bytes(bytes(lines[0]))
        return super().parse_message(lines)


def _raw_request_line(data: bytes) -> bool:
    """Whether the request line this chunk starts with carries a byte over 0x7F."""
    end = data.find(b"\n")
    return not (data if end < 0 else data[:end]).isascii()


class _FallbackParser:
    """aiohttp's C parser until a request line with raw bytes arrives; from then on, for the
    rest of the connection, the lenient parser. Until the connection's first request is read,
    the chunks fed are kept, so that a first request line split over chunks is re-read whole;
    past it, a chunk may be the body of a request, so only the chunk the C parser refused is."""

    __slots__ = ("_fast", "_make_lenient", "_lenient", "_unparsed")

    def __init__(self, fast, make_lenient) -> None:
        self._fast = fast
        self._make_lenient = make_lenient
        self._lenient: LenientRequestParser | None = None
        self._unparsed: list[bytes] | None = []  # None once a request has been read

    def feed_data(self, data: bytes):
        if self._lenient is not None:
            return self._lenient.feed_data(data)
        unparsed = self._unparsed
        if unparsed == [] and not data.isascii() and _raw_request_line(data):
            return self._switch().feed_data(data)
        try:
            messages, upgraded, tail = self._fast.feed_data(data)
        except HttpProcessingError:
            refused = b"".join(unparsed or ()) + data
            if refused.isascii():
                raise
            return self._switch().feed_data(refused)
        if unparsed is not None:
            if messages:
                self._unparsed = None
            else:
                unparsed.append(data)
        return messages, upgraded, tail

    def _switch(self) -> LenientRequestParser:
        self._lenient = self._make_lenient()
        self._unparsed = None
        return self._lenient

    def __getattr__(self, name: str):
        # feed_eof, set_upgraded, message_consumed...: the parser in use answers.
        return getattr(self._lenient if self._lenient is not None else self._fast, name)


class MockRequestHandler(RequestHandler):
    """A connection of the mock: the C parser, the lenient one for raw bytes in a request line,
    and a web server's pages for over-long request lines and headers."""

    def __init__(self, manager: web.Server, *, auto_decompress: bool = True, **kwargs) -> None:
        super().__init__(manager, auto_decompress=auto_decompress, **kwargs)
        self._parser = _FallbackParser(self._parser, lambda: LenientRequestParser(
            self, self._loop, self._read_bufsize, max_line_size=self.max_line_size,
            max_field_size=self.max_field_size, max_headers=self.max_headers,
            payload_exception=RequestPayloadError, auto_decompress=auto_decompress,
            max_msg_queue_size=MAX_MSG_QUEUE_SIZE))

    def handle_error(self, request, status: int = 500, exc: BaseException | None = None,
                     message: str | None = None) -> web.StreamResponse:
        if not isinstance(exc, LineTooLong):
            return super().handle_error(request, status, exc, message)
        # LineTooLong names the limit it hit: the request line's, or a header field's.
        status, page = URI_TOO_LONG if exc.args[1] == self.max_line_size else HEADER_TOO_LARGE
        log.info("refused an over-long request line or header from %s", request.remote)
        response = web.Response(status=status, text=page, content_type="text/html")
        response.force_close()
        return response


class MockHttpServer(web.Server):
    def __call__(self) -> RequestHandler:
        return MockRequestHandler(self, loop=self._loop, **self._kwargs)


class MockRunner(web.AppRunner):
    """An AppRunner whose connections are `MockRequestHandler`s."""

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()  # the application started, as AppRunner does
        return MockHttpServer(server.request_handler, request_factory=server.request_factory,
                              handler_cancellation=server.handler_cancellation,
                              loop=server._loop, **server._kwargs)
