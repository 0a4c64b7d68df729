"""Properties of SMSC's API under any input: a documented reply in the requested format, with a
code from that path's own list, never a 500; fmt=1 always splits into the documented fields."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from mockserver.providers.smsc.errors import BalanceError, SendError, SendersError, StatusError

TABLES = {"send": SendError, "status": StatusError, "balance": BalanceError,
          "senders": SendersError}
CODECS = {"windows-1251": "cp1251", "utf-8": "utf-8", "koi8-r": "koi8_r"}
INT, DEC = r"-?\d+", r"-?\d+\.\d+"
# What a successful fmt=1 reply of each path looks like, line by line.
# A message id: assigned (a number) or the client's own, up to 40 of A-Z a-z 0-9 . - _.
ID = r"[A-Za-z0-9._-]{1,40}"
SUCCESS_FMT1 = {
    "send": [rf"{ID},\d+", rf"{DEC},\d+", rf"{ID},\d+,{DEC}", rf"{ID},\d+,{DEC},{DEC}",
             r"\S*,\d*,\d+\.\d+,-?\d+,\d+"],  # the last: an op=1 / err=1 number line
    "status": [rf"{INT},\d+,\d+(,.*)?"],
    "balance": [DEC, rf"{DEC},[A-Z]{{3}}"],
    "senders": [r"OK", r"\d+", r".*,\d+"],
}
SUCCESS_FMT0 = {
    "send": [r"OK - \d+ SMS, ID - \S+(, COST - [\d.]+(, BALANCE - -?[\d.]+)?)?",
             r"COST - [\d.]+, SMS - \d+", r"phone = .*"],
    "status": [r"Status = -?\d+(, .*)?"],
    "balance": [DEC + r"(, [A-Z]{3})?"],
    "senders": [r"OK", r"ID = \d+", r"name = .*"],
}
ERROR_FMT0 = re.compile(r"ERROR = (\d+) \((.+)\)(, ID - \S+)?")
ERROR_FMT1 = re.compile(r"(\S+),-(\d+)")


def call(live, path: str, method: str, query: str, body: bytes | None, content_type: str):
    """Like contract_tests.live.call, keeping the charset of the reply's Content-Type."""
    request = urllib.request.Request(f"{live.url}/sys/{path}.php?{query}", data=body,
                                     method=method, headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers["Content-Type"], response.read()


def reset(live) -> None:
    """Back to the fixtures: the random requests may have locked this address out."""
    request = urllib.request.Request(f"{live.url}/__admin/reset", data=b"", method="POST")
    urllib.request.urlopen(request, timeout=10).close()


def _documented_error(path: str, code: int, description: str) -> bool:
    return any(e.value.code == code and e.value.description == description
               for e in TABLES[path])


def check_reply(path: str, fmt: str, content_type: str, body: bytes) -> None:
    """The reply is one of `path`'s documented shapes in format `fmt`, in the charset it names."""
    kind, _, label = content_type.partition("; charset=")
    text = body.decode(CODECS[label])
    if fmt == "3":
        assert kind == "application/json"
        document = json.loads(text)
        if isinstance(document, dict) and "error_code" in document:
            assert type(document["error_code"]) is int
            assert _documented_error(path, document["error_code"], document["error"])
        return
    if fmt == "2":
        assert kind == "text/xml"
        root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False))
        assert root.tag in {"result", "sms", "list", "sender"}
        if root.find("error_code") is not None:
            assert _documented_error(path, int(root.findtext("error_code")),
                                     root.findtext("error"))
        return
    assert kind == "text/plain"
    lines = text.split("\n")
    if fmt == "1":
        error = ERROR_FMT1.fullmatch(text)
        if error:
            assert any(e.value.code == int(error.group(2)) for e in TABLES[path])
            return
        patterns = SUCCESS_FMT1[path]
    else:
        error = ERROR_FMT0.fullmatch(text)
        if error:
            assert _documented_error(path, int(error.group(1)), error.group(2))
            return
        patterns = SUCCESS_FMT0[path]
    if path == "senders" and text == "":
        return  # an empty list of names
    for line in lines:
        assert any(re.fullmatch(p, line, re.S) for p in patterns), (path, fmt, text)


NAMES = st.sampled_from(["login", "psw", "apikey", "phones", "phone", "mes", "id", "sender",
                         "time", "tz", "valid", "cost", "fmt", "charset", "all", "viber", "err",
                         "op", "cur", "get", "add", "chg", "del", "send_code", "check_code",
                         "code", "operators", "cmt", "translit", "hlr"])
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["demo", "1", "0", "2", "3", "79001234567", "79001234567,123;79990000009",
                     "79001234567,", "1,2,", "utf-8", "koi8-r", "windows-1251", "+5", "0101261530",
                     "10-18", "01:00", "25", "SMSC.ru", "79001112233", "Привет, мир", "x" * 1001,
                     "<![CDATA[", "&amp;", "\x00\x01"]),
    st.integers(-10**6, 10**12).map(str))
PARAMS = st.dictionaries(NAMES, VALUES, max_size=6)
# A working request of each path, which the drawn parameters then change.
BASE = {"send": {"phones": "79001234567", "mes": "Привет, мир"},
        "status": {"phone": "79001234567", "id": "1"}, "balance": {}, "senders": {"get": "1"}}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(sorted(TABLES)), method=st.sampled_from(["GET", "POST"]),
       params=PARAMS, fmt=st.sampled_from(["0", "1", "2", "3"]),
       authed=st.sampled_from([True, True, True, False]),
       charset=st.sampled_from(["windows-1251", "utf-8", "koi8-r"]),
       body_kind=st.sampled_from(["form", "multipart", "json", "garbage"]),
       garbage=st.binary(max_size=64))
def test_any_request_gets_a_documented_reply_in_the_requested_format(
        live, server_errors, path, method, params, fmt, authed, charset, body_kind, garbage):
    reset(live)
    params = {**BASE[path], **params, "fmt": fmt}
    if authed:
        params.update(login="demo", psw="demo")
        params.pop("apikey", None)
    encoding = CODECS.get(params.get("charset", ""), "cp1251")
    query = urllib.parse.urlencode(params, encoding=encoding, errors="replace")
    body, content_type = None, "application/x-www-form-urlencoded"
    if method == "POST":
        if body_kind == "form":
            body, query = query.encode("ascii"), f"fmt={fmt}"
        elif body_kind == "json":
            body, content_type = json.dumps(params).encode(), "application/json"
        elif body_kind == "multipart":
            boundary = "b0undary"
            body = b"".join(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode()
                + v.encode(encoding, errors="replace") + b"\r\n" for k, v in params.items()
            ) + f"--{boundary}--\r\n".encode()
            content_type, query = f"multipart/form-data; boundary={boundary}", ""
        else:
            body, content_type = garbage, "application/json"
    status, reply_type, reply = call(live, path, method, query, body, content_type)
    assert status == 200
    assert server_errors == []
    check_reply(path, fmt, reply_type, reply)


@settings(max_examples=40, deadline=None)
@given(raw=st.binary(min_size=1, max_size=60), path=st.sampled_from(sorted(TABLES)))
def test_malformed_percent_encoding_is_answered(live, server_errors, raw, path):
    reset(live)
    query = ("login=demo&psw=demo&fmt=3&phones=79001234567&mes=" +
             urllib.parse.quote_from_bytes(raw) + "%ZZ%C3")
    status, reply_type, reply = call(live, path, "GET", query, None, "text/plain")
    assert status == 200 and server_errors == []
    check_reply(path, "3", reply_type, reply)


def test_a_huge_body_is_refused_with_the_parameters_error(live):
    reset(live)
    body = b"login=demo&psw=demo&phones=79001234567&mes=" + b"a" * 2_000_000
    status, _, reply = call(live, "send", "POST", "fmt=1", body,
                            "application/x-www-form-urlencoded")
    assert status == 200 and reply == b"0,-1"


def test_an_xml_bomb_in_a_text_comes_back_escaped(live):
    reset(live)
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>'
    query = urllib.parse.urlencode({"login": "demo", "psw": "demo", "phones": "79001234567",
                                    "mes": bomb, "fmt": "2", "id": "77", "charset": "utf-8"})
    _, _, sent = call(live, "send", "GET", query, None, "text/plain")
    assert sent == b"<result>\n<id>77</id>\n<cnt>1</cnt>\n</result>", sent
    status_query = urllib.parse.urlencode({"login": "demo", "psw": "demo", "all": "1",
                                           "phone": "79001234567", "id": "77", "fmt": "2"})
    _, _, reply = call(live, "status", "GET", status_query, None, "text/plain")
    # No XML declaration (the document shows none): the text is read in the HTTP charset.
    root = etree.fromstring(reply.decode("cp1251").encode(),
                            etree.XMLParser(resolve_entities=False, no_network=True))
    assert root.findtext("message") == bomb


# --- fmt=1 splits into the documented fields ------------------------------------------------------
def _is_int(value: str) -> bool:
    return re.fullmatch(r"-?\d+", value) is not None


def _is_decimal(value: str) -> bool:
    return re.fullmatch(r"-?\d+\.\d+", value) is not None


FIELDS = {0: (_is_int, _is_int), 1: (_is_decimal, _is_int),
          2: (_is_int, _is_int, _is_decimal), 3: (_is_int, _is_int, _is_decimal, _is_decimal)}


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=400).filter(lambda t: t.strip()),
       cost=st.sampled_from([0, 1, 2, 3]),
       phones=st.lists(st.sampled_from(["79001234567", "79161234567", "380501234567", "123",
                                        "79990000009", "12025550123"]), min_size=1, max_size=4),
       charset=st.sampled_from(["utf-8", "windows-1251", "koi8-r"]))
def test_fmt1_send_replies_split_into_the_documented_fields(live, text, cost, phones, charset):
    reset(live)
    live.state.accounts.get("smsc", "demo").balance = Decimal("1000")
    query = urllib.parse.urlencode(
        {"login": "demo", "psw": "demo", "phones": ",".join(phones), "mes": text, "cost": cost,
         "fmt": 1, "charset": charset}, encoding=CODECS[charset], errors="replace")
    _, _, reply = call(live, "send", "GET", query, None, "text/plain")
    fields = reply.decode(CODECS[charset]).split(",")
    if len(fields) == 2 and fields[1].startswith("-"):
        assert _is_int(fields[0]) and int(fields[1]) in {-e.value.code for e in SendError}
        return
    assert len(fields) == len(FIELDS[cost])
    assert all(check(value) for check, value in zip(FIELDS[cost], fields, strict=True))


@settings(max_examples=30, deadline=None)
@given(text=st.text(min_size=1, max_size=200).filter(lambda t: t.strip()),
       detail=st.sampled_from([0, 1, 2]))
def test_fmt1_status_lines_keep_their_numeric_fields_first(live, text, detail):
    reset(live)
    query = urllib.parse.urlencode({"login": "demo", "psw": "demo", "phones": "79001234567",
                                    "mes": text, "fmt": 3, "charset": "utf-8"})
    _, _, reply = call(live, "send", "GET", query, None, "text/plain")
    sent = json.loads(reply)
    if "id" not in sent or "error" in sent:
        return
    status_query = urllib.parse.urlencode({
        "login": "demo", "psw": "demo", "phone": "79001234567", "id": sent["id"], "fmt": 1,
        "all": detail, "charset": "utf-8"})
    _, _, reply = call(live, "status", "GET", status_query, None, "text/plain")
    line = reply.decode("utf-8")
    expected = {0: 3, 1: 9, 2: 12}[detail]
    fields = line.split(",", expected - 1) if detail else line.split(",")
    assert len(fields) == expected
    assert all(_is_int(f) for f in fields[:3])
    if detail:
        assert fields[-1] == text



# --- XML and JSON give back the text that was sent --------------------------------------------
XML_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(
    [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + ["\ufffe", "\uffff"]))


@settings(max_examples=40, deadline=None)
@given(text=st.text(XML_CHARS, min_size=1, max_size=120).filter(lambda t: t.strip())
       | st.sampled_from(["line one\r\nline two", "a\rb", "  <b>&amp;</b>\t\"'"]))
def test_a_status_in_xml_or_json_reads_back_the_very_text_sent(live, text):
    """A parser reads `message` as sent: a carriage return survives XML (written `&#13;`)."""
    reset(live)
    query = urllib.parse.urlencode({"login": "demo", "psw": "demo", "phones": "79001234567",
                                    "mes": text, "fmt": 3, "charset": "utf-8", "id": "5"})
    _, _, reply = call(live, "send", "GET", query, None, "text/plain")
    assert json.loads(reply)["id"] == 5
    read_back = {}
    for fmt in ("2", "3"):
        status_query = urllib.parse.urlencode({"login": "demo", "psw": "demo", "id": "5",
                                               "phone": "79001234567", "fmt": fmt, "all": "1",
                                               "charset": "utf-8"})
        _, _, reply = call(live, "status", "GET", status_query, None, "text/plain")
        read_back[fmt] = (etree.fromstring(reply).findtext("message") if fmt == "2"
                          else json.loads(reply)["message"])
    assert read_back == {"2": text, "3": text}
