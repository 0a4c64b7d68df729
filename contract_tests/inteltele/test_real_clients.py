"""IntelTele as its public clients call it: golden requests written the way those clients send
them, and the replies checked the way they parse them.

The clients seen (PHP shop gateways, a Laravel service, a C# gateway, a PHP cron job, a Node
controller) mostly send SMS through /message/send/ with `from`, `to` and `message`, the
parameters the document's error table names, check it on /message/status/, and read the
balance from /credit/. Their PHP does `json_decode($reply)->credit` and strips everything but
digits and dots; the send reply is read as `reply[i].status`, `message_id`, `cost`."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest
from aiohttp import FormData

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
AUTH = {"username": "demo", "api_key": "demo"}


def php_query(params: dict[str, str]) -> str:
    """PHP's http_build_query: RFC 1738, a space as '+'."""
    return urllib.parse.urlencode(params)


async def test_shop_gateway_reads_credit_then_sends_sms(client, state):
    # GET /credit/?username=..&api_key=.. ; preg_replace('/[^0-9.]/', '', $reply->credit)
    response = await client.get("/credit/?" + php_query(AUTH))
    assert response.status == 200 and response.content_type == "application/json"
    credit = json.loads(await response.text())["credit"]
    assert re.sub(r"[^0-9.]", "", credit) == credit == "0.00"
    # GET /message/send/?username&api_key&to=a,b&from=..&message=..
    query = php_query({**AUTH, "to": "79001234567,380501234567", "from": "MyShop",
                       "message": "Замовлення №5 прийнято"})
    text = await (await client.get("/message/send/?" + query)).text()
    reply = json.loads(text)["reply"]
    assert [(r["status"], r["number"], r["country"], r["mcc"]) for r in reply] == [
        ("OK", "79001234567", "ru", "250"), ("OK", "380501234567", "ua", "255")]
    for entry in reply:
        assert list(entry) == ["status", "cost", "country", "mcc", "number", "message_id"]
        assert re.fullmatch(r"\d+\.\d{6}", entry["cost"]) and re.fullmatch(UUID,
                                                                           entry["message_id"])
    message = state.messages.by_provider_id(reply[0]["message_id"])[0]
    assert [(c.channel.value, c.sender, c.text) for c in message.channels] == [
        ("sms", "MyShop", "Замовлення №5 прийнято")]


async def test_laravel_service_sends_its_extra_priority_parameter(client):
    # Http::asForm()->get($url, [username, api_key, from, to, priority => 3, message])
    reply = await (await client.get("/message/send/", params={
        **AUTH, "from": "Clinic", "to": "380501234567", "priority": "3",
        "message": "Код: 1234"})).json()
    assert reply["reply"][0]["status"] == "OK"


async def test_csharp_gateway_builds_its_query_without_encoding(client):
    # $"{key}={nvc[key]}" joined by "&": a "+" before the number reaches the server as a space,
    # and .NET's Uri escapes only the spaces and the Cyrillic of the text.
    reply = await (await client.get(
        "/message/send/?username=demo&api_key=demo&from=Notifo&to=+380501234567"
        "&message=%D0%92%D0%B0%D1%88%20%D0%BA%D0%BE%D0%B4:%201234")).json()
    [entry] = reply["reply"]
    assert (entry["status"], entry["number"]) == ("OK", "380501234567")
    assert "OK" in entry["status"] and "error" not in entry["status"]


async def test_curl_post_fields_array_is_a_multipart_form(client):
    # curl_setopt($curl, CURLOPT_POSTFIELDS, $data) with an array: multipart/form-data.
    form = FormData({"to": "380501234567", "from": "Dental", "message": "Нагадування",
                     **AUTH})
    reply = await (await client.post("/message/send/", data=form)).json()
    assert reply["reply"][0]["status"] == "OK"


@pytest.mark.parametrize(("change", "status"), [
    ({"message": ""}, "error: can't send message"),
    ({"to": ""}, "error: can't send message"),
    ({"from": ""}, "error: wrong sender"),
    ({"from": "A sender name too long"}, "error: wrong sender"),
    ({"message": "ы" * 1001}, "error: message is too long"),
    ({"message": "ы" * 470}, "error: message is too long"),  # 8 UCS-2 parts; 7 at most
    ({"api_key": "wrong"}, "error: wrong api key"),
])
async def test_sms_send_refusals_are_the_documents(client, change, status):
    params = {**AUTH, "to": "380501234567", "from": "Dental", "message": "Hi", **change}
    assert await (await client.get("/message/send/", params=params)).json() == {
        "reply": [{"status": status}]}


async def test_an_sms_is_looked_up_by_im_status(client):
    sent = await (await client.get("/message/send/", params={
        **AUTH, "to": "380501234567", "from": "Dental", "message": "Hi"})).json()
    message_id = sent["reply"][0]["message_id"]
    status = await (await client.get("/im/status/", params={
        **AUTH, "requests": message_id, "timezone": "UTC"})).json()
    assert list(status) == [message_id] and status[message_id]["time_zone"] == "UTC"


async def test_node_controller_checks_status_on_the_sms_path(client):
    # axios.get(".../message/status/", {params: this.sms}): the send's own parameters ride
    # along with `requests`, the ids comma-separated.
    params = {**AUTH, "to": "380501234567", "from": "MyShop", "message": "SMS тест",
              "priority": "3", "system_type": "default"}
    sms = (await (await client.get("/message/send/", params=params)).json())["reply"][0]
    viber = (await (await client.get("/im/send/", params={
        **AUTH, "to": "380501234568", "im_message": "Привіт"})).json())["reply"][0]
    ids = [sms["message_id"], viber["message_id"]]
    response = await client.get("/message/status/", params={**params, "requests": ",".join(ids)})
    assert response.content_type == "application/json"
    status = await response.json()
    assert list(status) == ids
    assert all(set(entry) == {"status", "time_zone"} for entry in status.values())


async def test_node_controller_that_passes_its_parameters_as_axios_config(client):
    # axios.get('http://api.sms.intel-tele.com/im/send/', this.viber): the parameters land in
    # axios's config, not in the URL, so the request carries none of them.
    assert await (await client.get("/im/send/")).json() == {
        "reply": [{"status": "error: wrong username/api_key"}]}


def test_hard_coded_host_through_the_proxy(live):
    # The clients hard-code http://api.sms.intel-tele.com; PHP curl reaches the mock through
    # CURLOPT_PROXY, Python's urllib through http_proxy.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": live.url}))
    url = "http://api.sms.intel-tele.com/message/send/?" + php_query(
        {**AUTH, "to": "380501234567", "from": "Shop", "message": "via proxy"})
    with opener.open(url, timeout=10) as reply:
        assert reply.status == 200
        assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
        assert json.loads(reply.read())["reply"][0]["status"] == "OK"
    with opener.open("http://api.sms.intel-tele.com/credit/?" + php_query(AUTH),
                     timeout=10) as reply:
        assert json.loads(reply.read()) == {"credit": "0.00"}
