"""A QA session over all three providers, as an application and its test would drive a mock:
sends in every wire format, statuses, balances, a delivery rule and a clock move."""

from __future__ import annotations

import json
import urllib.parse

from mockserver.replay.http import Answer, admin, send

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
XML_SEND = ('<?xml version="1.0" encoding="utf-8" ?><request><security><login value="demo" />'
            '<password value="demo" /></security><message><send_sms>1</send_sms>'
            '<sender_sms>Shop</sender_sms><text_sms>xml</text_sms>'
            '<abonent phone="79001234568" client_id_message="7" /></message></request>')
XML_STATE = ('<?xml version="1.0" encoding="utf-8" ?><request><security><login value="demo" />'
             '<password value="demo" /></security><state><id_message>{}</id_message></state>'
             '</request>')


def get(base: str, path: str, **params: str) -> Answer:
    return send("GET", f"{base}{path}?{urllib.parse.urlencode(params)}")


def post_form(base: str, path: str, **params: str) -> Answer:
    return send("POST", base + path, urllib.parse.urlencode(params).encode(), FORM)


def run_session(base: str) -> None:
    """Every step asserts what the application saw, so that a broken session fails here."""
    it = {"username": "demo", "api_key": "demo"}
    ts = {"login": "demo", "password": "demo"}
    sc = {"login": "demo", "psw": "demo"}
    assert admin(base, "POST", "/rules", {"match": {"phone": "79001234567"},
                                          "outcome": {"viber": "undelivered"}}).status == 201

    sent = post_form(base, "/im/send/", **it, to="380501234567", im_message="Your code is 1234")
    message_id = sent.json()["reply"][0]["message_id"]
    assert get(base, "/im/status/", **it, requests=message_id).json()[message_id]["status"] == "sent"
    id_message = get(base, "/sendmessage.php", **ts, phone="79001234567", send_viber="1",
                     sender_viber="Shop", text_viber="hi", send_sms="2", sender_sms="Shop",
                     text_sms="hi").body.decode()
    assert id_message.isdigit()
    json_send = send("POST", base + "/sendmessagejson.php", json.dumps(
        {**ts, "message": [{"send_sms": "1", "sender_sms": "Shop", "text_sms": "json",
                            "phones": [{"phone": "79001234569", "client_id_message": "5"}]}]}
    ).encode(), {"Content-Type": "application/json"}).json()
    json_id = json_send["message"][0][0]["id_message"]
    xml_sent = send("POST", base + "/xml/message.php", XML_SEND.encode(),
                    {"Content-Type": "text/xml"})
    assert b"id_message=" in xml_sent.body
    smsc_sent = get(base, "/sys/send.php", **sc, phones="79001234570", mes="Code 1", fmt="3")
    smsc_id = str(smsc_sent.json()["id"])
    smsc_lost = get(base, "/sys/send.php", **sc, phones="79001234571", mes="Code 2"
                    ).body.decode().rpartition(" ")[2]
    # The network is told what happened to one message (a forced event on the control plane).
    [lost] = admin(base, "GET", "/messages?phone=79001234571").json()["messages"]
    assert admin(base, "POST", f"/messages/{lost['id']}/events",
                 {"channel": "sms", "status": "undelivered"}).status == 200

    assert admin(base, "POST", "/clock", {"advance": 30}).status == 200

    assert get(base, "/im/status/", **it, requests=message_id).json()[message_id][
        "status"] == "delivrd"
    assert get(base, "/sendmessage.php", **ts, id_message=id_message).body == b"deliver"
    state = send("POST", base + "/sendmessagejson.php", json.dumps(
        {**ts, "state": [{"id_message": json_id}]}).encode(),
        {"Content-Type": "application/json"}).json()
    assert state["state"][0]["state"] == "deliver"
    xml_state = send("POST", base + "/xml/state_message.php",
                     XML_STATE.format(json_id).encode(), {"Content-Type": "text/xml"})
    assert b">deliver<" in xml_state.body
    for fmt in ("0", "1", "2", "3"):
        assert get(base, "/sys/status.php", **sc, phone="79001234570", id=smsc_id,
                   fmt=fmt, all="1").status == 200
    assert get(base, "/sys/status.php", **sc, phone="79001234571", id=smsc_lost,
               fmt="3").json()["status"] == 20
    assert admin(base, "PATCH", "/accounts/inteltele/demo", {"credit": "5.00"}).status == 200
    assert get(base, "/credit/", **it).json() == {"credit": "5.00"}
    assert get(base, "/balance/", **it).json()["balance"]
    assert get(base, "/sys/balance.php", **sc, fmt="3").json()["balance"]
