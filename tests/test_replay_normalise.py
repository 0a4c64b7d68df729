"""Volatile values normalised per format (ids, dates and times, nothing else), and ids mapped
from a recording onto the ids a replay target handed out."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from mockserver.replay.diff import differs
from mockserver.replay.ids import IdMap
from mockserver.replay.normalise import ID, TIME, Request, normalise

SMSC = "text/plain; charset=windows-1251"
SEND = Request("/sys/send.php", "login=demo&psw=demo&phones=79001234567&mes=hi")
SEND_FMT1 = Request("/sys/send.php", "login=demo&psw=demo&phones=79001234567&mes=hi&fmt=1")
STATUS_FMT1 = Request("/sys/status.php", "login=demo&psw=demo&phone=79001234567&id=1&fmt=1")
TS_SEND = Request("/sendmessage.php", "login=demo&password=demo&phone=79001234567,79001234568")


def same(a: bytes, b: bytes, content_type: str, request: Request, known=frozenset()) -> bool:
    one = normalise(a, content_type, request, known)
    two = normalise(b, content_type, request, known)
    return not differs((200, content_type, one), (200, content_type, two))


def test_smsc_fmt0_by_field_the_id_is_volatile_the_count_is_not():
    assert same(b"OK - 1 SMS, ID - 5", b"OK - 1 SMS, ID - 9", SMSC, SEND)
    assert not same(b"OK - 1 SMS, ID - 5", b"OK - 2 SMS, ID - 5", SMSC, SEND)
    assert normalise(b"OK - 1 SMS, ID - 5", SMSC, SEND).ids == ["5"]


def test_smsc_fmt1_by_position_id_first_on_send_unix_times_on_status():
    assert normalise(b"5,1", SMSC, SEND_FMT1).form == [ID, "1"]
    assert normalise(b"0,1767258000,0", SMSC, STATUS_FMT1).form == ["0", TIME, "0"]
    assert not same(b"1,1767258000,0", b"20,1767258000,0", SMSC, STATUS_FMT1)


def test_dates_in_every_layout_the_providers_use_are_times():
    text = b"Status = 1, check_time = 01.01.2026 12:00:02, err = 0"
    assert normalise(text, SMSC, SEND).form == ["Status = 1", f"check_time = {TIME}", "err = 0"]
    body = json.dumps({"date": "01-01-2026 09:00:02", "at": "2026-01-01T09:00:05Z",
                       "time_change_state": "2026-01-01 12:00:02", "cost": "0.30"}).encode()
    assert normalise(body, "application/json", SEND).form == {
        "date": TIME, "at": TIME, "time_change_state": TIME, "cost": "0.30"}


def test_targetsms_get_send_is_a_list_of_ids_and_errors_stay():
    reply = "1179038981,Номер телефона присутствует в стоп-листе.".encode()
    assert normalise(reply, "text/plain; charset=utf-8", TS_SEND).form == [
        ID, "Номер телефона присутствует в стоп-листе."]


def test_json_by_structure_key_order_and_layout_do_not_matter_money_does():
    a = b'{"id": 4, "cnt": 1, "balance": "999.06"}'
    b = b'{\n"cnt": 1,\n"balance": "999.06",\n"id": 8\n}'
    assert same(a, b, "application/json", SEND)
    assert not same(a, b.replace(b"999.06", b"0.00"), "application/json", SEND)


def test_inteltele_status_keyed_by_a_known_message_id():
    a = b'{"5a48-aa": {"status": "sent", "time_zone": "Europe/Kyiv"}}'
    b = b'{"c555-bb": {"status": "sent", "time_zone": "Europe/Kyiv"}}'
    one = normalise(a, "application/json", SEND, {"5a48-aa"})
    two = normalise(b, "application/json", SEND, {"c555-bb"})
    assert one.form == two.form and one.ids == ["5a48-aa"]


def test_xml_by_tree_attribute_order_and_whitespace_do_not_matter():
    a = b'<response><information id_message="1" id_sms="3" phone="7900">send</information></response>'
    b = b'<response>\n <information phone="7900" id_sms="9" id_message="2">send</information>\n</response>'
    assert same(a, b, "text/xml", SEND)
    assert normalise(a, "text/xml", SEND).ids == ["1", "3"]
    assert not same(a, a.replace(b">send<", b">deliver<"), "text/xml", SEND)


def test_smsc_xml_in_windows_1251_parses_by_its_charset():
    body = "<sms>\n<status>1</status>\n<status_name>Доставлено</status_name>\n</sms>".encode("cp1251")
    reply = normalise(body, "text/xml; charset=windows-1251", SEND)
    assert reply.kind == "xml" and reply.form[3][1][2] == "Доставлено"


def test_a_difference_is_a_short_unified_diff():
    one = normalise(b'{"balance": "1.00"}', "application/json", SEND)
    two = normalise(b'{"balance": "0.00"}', "application/json", SEND)
    diff = differs((200, "application/json", one), (200, "application/json", two))
    assert '- "balance": "1.00"' in diff and '+ "balance": "0.00"' in diff


def test_ids_in_id_parameters_are_mapped_and_other_values_are_not():
    ids = IdMap()
    ids.learn(["1", "0", "5a482f6e-0990-40c5-8d34-5c1f7f089675"],
              ["3", "0", "c5553446-c698-4920-9774-3670e99aa2be"])
    assert ids.rewrite_pairs("login=demo&id=1&fmt=1&phone=79001") == (
        "login=demo&id=3&fmt=1&phone=79001")
    assert ids.rewrite_pairs("id=1%2C2&requests=5a482f6e-0990-40c5-8d34-5c1f7f089675") == (
        "id=3%2C2&requests=c5553446-c698-4920-9774-3670e99aa2be")
    body = ids.rewrite_body(b'{"state": [{"id_message": "1"}], "n": "1"}', "application/json")
    assert json.loads(body) == {"state": [{"id_message": "3"}], "n": "1"}
    xml = ids.rewrite_body(b"<state><id_message>1</id_message><x>1</x></state>", "text/xml")
    assert xml == b"<state><id_message>3</id_message><x>1</x></state>"


@given(st.lists(st.integers(1, 10**10), min_size=1, max_size=5),
       st.lists(st.integers(1, 10**10), min_size=5, max_size=5))
def test_replies_that_differ_only_in_ids_compare_equal(recorded, replayed):
    def reply(ids):
        return json.dumps({"message": [{"id_message": str(i), "cnt": 1} for i in ids]}).encode()
    one = normalise(reply(recorded), "application/json", SEND)
    two = normalise(reply(replayed[: len(recorded)]), "application/json", SEND)
    assert one.form == two.form and one.ids == [str(i) for i in recorded]
