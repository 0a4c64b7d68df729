"""A request no provider serves is journaled as unmatched and answered with the nearest known
path (WireMock's near miss); a CONNECT is told that HTTPS proxying is not offered."""

from __future__ import annotations

import json
import urllib.request

from contract_tests.control_plane.conftest import Admin

from .raw import raw_request


async def test_an_unknown_path_names_the_nearest_known_path_and_its_methods(client):
    response = await client.get("/sys/sendd.php", params={"login": "demo", "psw": "demo"})
    assert response.status == 404
    text = await response.text()
    assert "GET /sys/sendd.php" in text
    assert "Did you mean /sys/send.php? (GET or POST)" in text
    assert "/__admin/requests?unmatched=1" in text


async def test_a_path_like_none_lists_the_provider_paths(client):
    response = await client.post("/api/v2/outbox", data=b"{}")
    text = await response.text()
    assert response.status == 404 and "Did you mean" not in text
    assert "/im/send/" in text and "/sendmessagejson.php" in text and "/sys/send.php" in text


async def test_unmatched_requests_are_journaled_with_no_provider(client):
    admin = Admin(client)
    await client.get("/im/sendd/?username=demo")
    await client.post("/xml/messages.php", data=b"<request/>")
    await client.get("/balance/?username=demo&api_key=demo")
    unmatched = (await admin.get("/requests?unmatched=1", expect=200))["requests"]
    assert [(e["provider"], e["method"], e["path"], e["status"]) for e in unmatched] == [
        (None, "GET", "/im/sendd/", 404), (None, "POST", "/xml/messages.php", 404)]
    assert unmatched[0]["query"] == "username=demo"
    assert unmatched[1]["body"] == "<request/>"
    [violation] = unmatched[0]["violations"]
    assert violation["rule"] == "unknown_path" and "did you mean /im/send/?" in (
        violation["message"])
    everything = (await admin.get("/requests", expect=200))["requests"]
    assert [e["provider"] for e in everything] == [None, None, "inteltele"]


async def test_the_control_plane_and_inbox_keep_their_own_not_found(client):
    admin = Admin(client)
    response = await client.get("/__admin/nothing-here")
    assert response.status == 404 and (await response.json())["error"]["code"] == "not_found"
    assert (await client.get("/")).status == 200  # the inbox
    assert (await client.get("/favicon.ico")).status == 404  # asked for by the inbox's browser
    assert (await admin.get("/requests?unmatched=1"))["requests"] == []


def test_connect_says_https_proxying_is_not_offered_and_what_to_do(live):
    reply = raw_request(live.port, b"CONNECT api.sms.intel-tele.com:443 HTTP/1.1")
    assert reply.status == 501
    assert "HTTPS proxying (CONNECT) is not offered" in reply.text
    assert "http://host:port" in reply.text
    with urllib.request.urlopen(live.url + "/__admin/requests?unmatched=1") as response:
        journal = json.loads(response.read())["requests"]
    assert journal[-1]["method"] == "CONNECT"
    assert journal[-1]["violations"][0]["rule"] == "https_proxy_not_offered"


def test_an_absolute_form_url_to_an_unknown_path_gets_the_near_miss_too(live):
    reply = raw_request(live.port, b"GET http://smsc.ru/sys/balans.php?login=demo HTTP/1.1")
    assert reply.status == 404 and "Did you mean /sys/balance.php?" in reply.text
