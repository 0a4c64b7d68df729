"""Properties over the whole HTTP path, against a mock on a real socket:
- any input on the platform's paths gets a documented reply shape, never a 500;
- the same logical send in GET, JSON and XML form leads to the same message;
- a client_id_message never yields two messages, even when requests arrive together."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mockserver.providers.targetsms.fields import MESSAGE_FIELDS

from ..live import call
from . import shapes
from .conftest import escape_text, xml_message, xml_request

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MAX_GET_QUERY = 6000  # past aiohttp's request-line limit (8 KiB) the server itself answers 414


def admin(live, path: str, method: str = "GET", document: dict | None = None):
    body = json.dumps(document).encode() if document is not None else None
    status, _, reply = call(live, "/__admin" + path, method, body=body,
                            content_type="application/json")
    assert status < 300, reply
    return json.loads(reply) if reply else None


def fresh(live, vk: bool = False) -> None:
    admin(live, "/reset", "POST")
    if vk:
        admin(live, "/accounts/targetsms/demo", "PATCH", {"vk_enabled": True})


# --- strategies --------------------------------------------------------------------------------
PHONES = ["79801234567", "79990000001", "79990000009", "380501234567", "99912345678",
          "7900123456789012", "abc", "+79801234568"]
GOOD_VALUES = {
    "send_viber": ["0", "1", "2", "3"], "send_vk": ["0", "1", "2"], "send_sms": ["0", "1", "3"],
    "sender_viber": ["Shop"], "sender_sms": ["Shop", "ShopShopShop", "1234567890123456"],
    "text_viber": ["Привет", "a" * 1001], "text_sms": ["Код 1234", "я" * 71],
    "button_text": ["Открыть", "b" * 20], "button_url": ["https://x.ru"],
    "image_url": ["https://x.ru/a.png"], "validity_period_viber": ["1", "60", "abc", "99999999"],
    "finale_viber_read": ["0", "1"], "templateId": ["100"], "name_delivery": ["", "Акция"],
    "time_send": ["2026-01-01 13:00", "2026-02-30 10:00", "soon"],
}
TEXT = st.text(max_size=30)
VALUE = {name: st.one_of(st.sampled_from(GOOD_VALUES[name]), TEXT) for name in MESSAGE_FIELDS}
CREDENTIALS = st.fixed_dictionaries({"login": st.sampled_from(["demo", "demo", "demo", "x"]),
                                     "password": st.sampled_from(["demo", "demo", "", "y"])})
IDS = st.one_of(st.sampled_from(["1179038981", "1179038982", "3179038981", "0", ""]), TEXT)

GET_PARAMS = st.builds(
    lambda credentials, fields, extra: {**credentials, **fields, **extra},
    CREDENTIALS,
    st.fixed_dictionaries({}, optional=VALUE),
    st.fixed_dictionaries({}, optional={
        "phone": st.lists(st.sampled_from(PHONES), max_size=3).map(",".join) | TEXT,
        "id_message": IDS, "templateData": st.sampled_from(['{"Name":"Имя"}', "[1]", "{"]),
        "unknown": TEXT}))

SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**12),
                   st.floats(allow_nan=False, allow_infinity=False), TEXT)
JSON_PHONE = st.one_of(
    st.fixed_dictionaries({"phone": st.sampled_from(PHONES) | SCALAR},
                          optional={"client_id_message": st.sampled_from(["1", "2"]) | SCALAR}),
    SCALAR)
JSON_MESSAGE = st.fixed_dictionaries({}, optional={
    **{name: st.one_of(VALUE[name], SCALAR) for name in MESSAGE_FIELDS},
    "phones": st.lists(JSON_PHONE, max_size=3) | SCALAR,
    "templateData": st.dictionaries(st.text(max_size=5), SCALAR, max_size=3) | SCALAR})
JSON_DOCUMENT = st.builds(
    lambda credentials, parts: {**credentials, **parts}, CREDENTIALS,
    st.fixed_dictionaries({}, optional={
        "message": st.lists(JSON_MESSAGE, max_size=3) | SCALAR,
        "state": st.lists(st.fixed_dictionaries({"id_message": IDS}) | SCALAR, max_size=3)
        | SCALAR}))
ANY_JSON = st.recursive(st.none() | st.booleans() | st.floats() | st.text(max_size=10),
                        lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                        max_leaves=12)
JSON_BODY = st.one_of(JSON_DOCUMENT.map(json.dumps), ANY_JSON.map(json.dumps),
                      st.binary(max_size=80).map(lambda b: b.decode("latin-1")))

XML_MESSAGE = st.builds(
    xml_message, st.fixed_dictionaries({}, optional=VALUE),
    st.lists(st.tuples(st.sampled_from(PHONES), st.none() | st.sampled_from(["1", "2"])),
             max_size=3),
    st.none() | st.dictionaries(st.sampled_from(["Name", "Where"]), TEXT, max_size=2))
XML_STATE = st.lists(IDS, max_size=3).map(
    lambda ids: "<state>" + "".join(f"<id_message>{escape_text(i)}</id_message>" for i in ids)
    + "</state>")
XML_BODY = st.one_of(
    st.builds(lambda credentials, parts: xml_request("".join(parts), **credentials),
              CREDENTIALS, st.lists(XML_MESSAGE | XML_STATE, max_size=3)),
    st.binary(max_size=120),
    st.builds(lambda body, at, junk: body[:at] + junk + body[at:],
              st.just(xml_request("<state><id_message>1</id_message></state>")),
              st.integers(0, 120), st.binary(min_size=1, max_size=5)))


# --- any input, a documented reply ------------------------------------------------------------
@SETTINGS
@given(params=GET_PARAMS, post=st.booleans())
def test_any_get_request_gets_a_documented_reply(live, params, post):
    query = urllib.parse.urlencode(params)
    if post or len(query) > MAX_GET_QUERY:
        status, content_type, reply = call(live, "/sendmessage.php", "POST", body=query.encode(),
                                           content_type="application/x-www-form-urlencoded")
    else:
        status, content_type, reply = call(live, "/sendmessage.php", query=query)
    assert (status, content_type) == (200, "text/plain")
    shapes.check_get(reply.decode("utf-8"))


@SETTINGS
@given(body=JSON_BODY)
def test_any_json_request_gets_a_documented_reply(live, body):
    status, content_type, reply = call(live, "/sendmessagejson.php", "POST",
                                       body=body.encode("utf-8", "surrogatepass"),
                                       content_type="application/json")
    assert (status, content_type) == (200, "application/json")
    shapes.check(json.loads(reply), shapes.JSON_REPLY)


@SETTINGS
@given(body=XML_BODY, path=st.sampled_from(["/xml/message.php", "/xml/state_message.php"]))
def test_any_xml_request_gets_a_documented_reply(live, body, path):
    status, content_type, reply = call(live, path, "POST", body=body, content_type="text/xml")
    assert (status, content_type) == (200, "text/xml")
    schema = shapes.XML_SEND_REPLY if path.endswith("/message.php") else shapes.XML_STATE_REPLY
    shapes.check(shapes.xml_as_json(reply), schema)


# --- one logical send, three wires ------------------------------------------------------------
# Text that every wire can carry: XML 1.0 characters, a line break written as "\n" in XML, and
# no backslash (a written "\n" means a line break in XML only).
SAFE_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"),
                                exclude_characters="\\\ufffe\uffff") | st.just("\n")
SAFE_TEXT = st.text(SAFE_CHARACTERS, max_size=25)
# Non-empty three times in four.
MOSTLY_TEXT = st.tuples(st.integers(0, 3), st.text(SAFE_CHARACTERS, min_size=1, max_size=25)
                        ).map(lambda drawn: drawn[1] if drawn[0] else "")
# Mostly a message that can go out, with the optional parts and the odd mistake mixed in.
LOGICAL_FIELDS = st.fixed_dictionaries({
    "send_viber": st.sampled_from(["1", "1", "2", "0"]),
    "send_sms": st.sampled_from(["2", "3", "1", "0"]),
    "sender_viber": st.sampled_from(["Shop", "Shop", "Shop", ""]),
    "text_viber": MOSTLY_TEXT,
    "sender_sms": st.sampled_from(["Shop", "79001234567"]),
    "text_sms": MOSTLY_TEXT,
    "templateId": st.sampled_from(["100", "100", ""]),
}, optional={
    "send_vk": st.sampled_from(["0", "2"]),
    "button_text": st.sampled_from(["Открыть", "b" * 20]),
    "button_url": st.sampled_from(["https://x.ru/?a=1&b=2"]),
    "image_url": st.sampled_from(["https://x.ru/a.png"]),
    "validity_period_viber": st.sampled_from(["1", "60", "x"]),
    "finale_viber_read": st.sampled_from(["0", "1"])})
LOGICAL_PHONES = st.lists(st.sampled_from(["79801234567", "79990000001", "380501234567",
                                           "79990000009", "99912345678", "abc"]),
                          min_size=1, max_size=3)
TEMPLATE = st.none() | st.dictionaries(st.sampled_from(["Name", "Where"]), SAFE_TEXT, max_size=2)


def _joined(block) -> str:
    """A JSON or XML message's outcome, spelled as the GET reply spells it."""
    if isinstance(block, dict):
        return block["error"]
    return ",".join(entry.get("id_message") or entry["error"] for entry in block)


def _messages(live) -> list[dict]:
    return [{k: v for k, v in m.items() if k != "id"}
            for m in admin(live, "/messages?provider=targetsms")["messages"]]


@SETTINGS
@given(fields=LOGICAL_FIELDS, phones=LOGICAL_PHONES, template=TEMPLATE,
       vk=st.sampled_from([True, True, False]))
def test_the_same_send_on_every_wire_makes_the_same_message(live, fields, phones, template, vk):
    seen = []

    fresh(live, vk)
    params = {"login": "demo", "password": "demo", "phone": ",".join(phones), **fields}
    if template is not None:
        params["templateData"] = json.dumps(template, ensure_ascii=False)
    _, _, reply = call(live, "/sendmessage.php", query=urllib.parse.urlencode(params))
    seen.append((reply.decode(), _messages(live)))
    # One message for each ID in the reply (so the comparison below is not of empty lists).
    assert sum(part.isdigit() for part in seen[0][0].split(",")) == len(seen[0][1])
    event("some sent" if seen[0][1] else "none sent")

    fresh(live, vk)
    message = {**fields, "phones": [{"phone": phone} for phone in phones]}
    if template is not None:
        message["templateData"] = template
    _, _, reply = call(live, "/sendmessagejson.php", "POST", body=json.dumps(
        {"login": "demo", "password": "demo", "message": [message]}).encode())
    seen.append((_joined(json.loads(reply)["message"][0]), _messages(live)))

    fresh(live, vk)
    body = xml_request(xml_message(fields, [(phone, None) for phone in phones], template))
    _, _, reply = call(live, "/xml/message.php", "POST", body=body)
    seen.append((_joined(shapes.xml_as_json(reply)["message"][0]), _messages(live)))

    assert seen[0] == seen[1] == seen[2]


# --- client_id_message ------------------------------------------------------------------------
REQUEST = st.tuples(st.sampled_from(["json", "xml"]),
                    st.lists(st.tuples(st.sampled_from(["79801234567", "79990000009",
                                                        "380501234567"]),
                                       st.sampled_from(["1", "2", "3"])),
                             min_size=1, max_size=3))


def _send_with_ids(live, wire: str, abonents: list[tuple[str, str]]) -> None:
    fields = {"send_sms": "1", "sender_sms": "Shop", "text_sms": "Код"}
    if wire == "json":
        body = json.dumps({"login": "demo", "password": "demo", "message": [{
            **fields, "phones": [{"phone": p, "client_id_message": c} for p, c in abonents]}]})
        call(live, "/sendmessagejson.php", "POST", body=body.encode())
    else:
        call(live, "/xml/message.php", "POST", body=xml_request(xml_message(fields, abonents)))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds=st.lists(st.lists(REQUEST, min_size=1, max_size=5), min_size=1, max_size=3))
def test_a_client_id_never_yields_two_messages(live, rounds):
    fresh(live)
    with ThreadPoolExecutor(max_workers=5) as pool:
        for requests in rounds:  # each round's requests arrive together
            list(pool.map(lambda request: _send_with_ids(live, *request), requests))
    client_ids = [m["client_id"] for m in _messages(live)]
    assert len(client_ids) == len(set(client_ids))
    # ...and an ID offered with a number that can be sent to was used.
    sendable = {c for requests in rounds for _, abonents in requests for p, c in abonents
                if p != "79990000009"}
    assert sendable <= set(client_ids)


# --- raw line breaks in an XML document ---------------------------------------------------------
LINE_BREAK = st.sampled_from(["\r\n", "\n", "\r"])
# One line: XML 1.0 characters but control characters (CR and LF among them) and backslash.
LINE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"),
                             exclude_characters="\\\ufffe\uffff"), min_size=1, max_size=12)
LINES = st.lists(LINE, min_size=2, max_size=4)


@settings(max_examples=25, deadline=None)
@given(lines=LINES, line_break=LINE_BREAK)
def test_raw_line_breaks_in_xml_are_sent_as_line_breaks(live, lines, line_break):
    """Whatever the line break (CRLF, LF, CR), the text arrives with one "\\n" per break."""
    fresh(live)
    text = line_break.join(escape_text(line) for line in lines)
    message = xml_message({"send_sms": "1", "sender_sms": "Shop", "text_sms": "@"},
                          [("79801234567", None)])
    body = xml_request(message).replace(b"@", text.encode())
    status, _, reply = call(live, "/xml/message.php", "POST", body=body, content_type="text/xml")
    assert status == 200 and b' id_message="' in reply, reply.decode()
    [sent] = admin(live, "/messages?provider=targetsms")["messages"]
    assert sent["channels"][0]["text"] == "\n".join(lines)
    assert [v["rule"] for v in admin(live, "/violations")["violations"]] == ["xml_line_break"]
