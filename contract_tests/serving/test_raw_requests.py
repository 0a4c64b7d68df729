"""What the providers' own servers accept, the mock accepts: raw UTF-8 and windows-1251 bytes
in a query string (PHP clients that skip urlencode()), read as PHP reads them, and URLs far
over 8 KiB. Sent on a bare socket, since no HTTP library sends such request lines."""

from __future__ import annotations

import json
import urllib.request

from mockserver.cli import build_state
from mockserver.testing.server import BackgroundServer

from .raw import raw_request


def _last_text(live) -> str:
    with urllib.request.urlopen(live.url + "/__admin/messages") as response:
        return json.loads(response.read())["messages"][-1]["channels"][0]["text"]


def test_smsc_reads_raw_windows_1251_bytes_in_its_default_charset(live):
    line = "GET /sys/send.php?login=demo&psw=demo&phones=79031110001&mes=Привет HTTP/1.1"
    reply = raw_request(live.port, line.encode("cp1251"))
    assert reply.status == 200 and reply.text.startswith("OK - 1 SMS"), reply.text
    assert _last_text(live) == "Привет"


def test_smsc_reads_raw_utf8_bytes_when_charset_says_utf8(live):
    line = ("GET /sys/send.php?login=demo&psw=demo&phones=79031110002&charset=utf-8"
            "&mes=Ваш+код+1234 HTTP/1.1")
    reply = raw_request(live.port, line.encode("utf-8"))
    assert reply.status == 200 and reply.text.startswith("OK - 1 SMS"), reply.text
    assert _last_text(live) == "Ваш код 1234"


def test_inteltele_reads_raw_utf8_bytes(live):
    line = ("GET /im/send/?username=demo&api_key=demo&to=380501234567&im_message=Вітаємо!"
            " HTTP/1.1")
    reply = raw_request(live.port, line.encode("utf-8"))
    assert reply.status == 200 and json.loads(reply.body)["reply"][0]["status"] == "OK"
    assert _last_text(live) == "Вітаємо!"


def test_targetsms_reads_raw_utf8_bytes_in_its_get_api(live):
    line = ("GET /sendmessage.php?login=demo&password=demo&phone=79801110003&send_sms=1"
            "&sender_sms=Shop&text_sms=Заказ%20готов HTTP/1.1")
    reply = raw_request(live.port, line.encode("utf-8"))
    assert reply.status == 200 and reply.text.isdigit(), reply.text
    assert _last_text(live) == "Заказ готов"


def test_a_url_over_8_kib_is_accepted(live):
    padding = "x" * 20_000
    reply = raw_request(live.port, f"GET /credit/?username=demo&api_key=demo&pad={padding}"
                                   " HTTP/1.1".encode())
    assert (reply.status, json.loads(reply.body)) == (200, {"credit": "0.00"})


def test_a_url_over_the_mocks_limit_gets_a_web_servers_414_page():
    state = build_state(None, clock="frozen")
    state.limits.max_body_bytes = 16_384  # URLs are accepted as long as a body would be
    with BackgroundServer(state) as server:
        reply = raw_request(server.port, b"GET /balance/?username=demo&pad=" + b"x" * 17_000
                            + b" HTTP/1.1")
    assert reply.status == 414
    assert reply.headers["content-type"].startswith("text/html")
    assert "<title>414 Request-URI Too Large</title>" in reply.text


def test_a_header_over_8_kib_gets_a_web_servers_400_page(live):
    reply = raw_request(live.port, b"GET /credit/?username=demo&api_key=demo HTTP/1.1",
                        headers=b"Cookie: " + b"c" * 9_000 + b"\r\n")
    assert reply.status == 400
    assert "<title>400 Request Header Or Cookie Too Large</title>" in reply.text
