"""Properties of SMSC's management and data paths under any input: always a 200 in the requested
format and charset, an error only from that path's own table, never a failure of the mock."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from mockserver.providers.smsc.management import MANAGEMENT_PATHS

TABLES = {path.removeprefix("/sys/").removesuffix(".php"): table
          for path, (_, table) in MANAGEMENT_PATHS.items()}
CODECS = {"windows-1251": "cp1251", "utf-8": "utf-8", "koi8-r": "koi8_r"}
TYPES = {"0": "text/plain", "1": "text/plain", "2": "text/xml", "3": "application/json"}
ERROR_FMT0 = re.compile(r"ERROR = (\d+) \((.+)\)")
ERROR_FMT1 = re.compile(r"0,-(\d+)")


def _known(path: str, code: int, description: str | None = None) -> bool:
    return any(e.value.code == code and description in (None, e.value.description)
               for e in TABLES[path])


NAMES = st.sampled_from(["add", "chg", "del", "get", "get_group", "add_group", "chg_group",
                         "del_group", "move_group", "add_black", "del_black", "get_black",
                         "cancel", "pay", "get_stat", "buy", "get_operator", "get_messages",
                         "get_answers", "get_price", "get_mega_accounts", "id", "name", "msg",
                         "mes", "phone", "phones", "new_phone", "grp", "format", "sender",
                         "tpl", "user", "password", "sum", "date", "start", "end", "cnt",
                         "hour", "after_id", "prev_id", "to_phone", "time", "mms", "charset",
                         "fl[1]", "noprolong"])
VALUES = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["1", "0", "2", "3", "4", "79001234567", "79001234567,79101234567", "sms",
                     "mms", "01.01.2026", "2026-01-01", "-5.00", "10.00", "1.234", "utf-8",
                     "koi8-r", "Привет, мир", "<![CDATA[", "\x00\x01", "x" * 300, "169"]),
    st.integers(-10**6, 10**12).map(str))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(sorted(TABLES)), method=st.sampled_from(["GET", "POST"]),
       params=st.dictionaries(NAMES, VALUES, max_size=6),
       fmt=st.sampled_from(["0", "1", "2", "3"]))
def test_any_request_gets_a_reply_of_its_path_in_the_requested_format(
        live, server_errors, path, method, params, fmt):
    params = {**params, "login": "demo", "psw": "demo", "fmt": fmt}
    encoding = CODECS.get(params.get("charset", ""), "cp1251")
    query = urllib.parse.urlencode(params, encoding=encoding, errors="replace")
    url = f"{live.url}/sys/{path}.php"
    if method == "GET":
        request = urllib.request.Request(f"{url}?{query}")
    else:
        request = urllib.request.Request(url, data=query.encode("ascii"), method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as response:
        status, content_type, body = (response.status, response.headers["Content-Type"],
                                      response.read())
    assert status == 200 and server_errors == []
    kind, _, label = content_type.partition("; charset=")
    text = body.decode(CODECS[label])
    if kind == "text/csv":  # get_mnp's file
        assert path == "get_mnp" and text.startswith("Phone;mccmnc")
        return
    assert kind == TYPES[fmt]
    if fmt == "3":
        document = json.loads(text)
        if isinstance(document, dict) and "error_code" in document:
            assert _known(path, document["error_code"], document["error"])
    elif fmt == "2":
        root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False))
        if root.find("error_code") is not None:
            assert _known(path, int(root.findtext("error_code")), root.findtext("error"))
    elif fmt == "1" and ERROR_FMT1.fullmatch(text):
        assert _known(path, int(ERROR_FMT1.fullmatch(text).group(1)))
    elif fmt == "0" and ERROR_FMT0.fullmatch(text):
        found = ERROR_FMT0.fullmatch(text)
        assert _known(path, int(found.group(1)), found.group(2))
