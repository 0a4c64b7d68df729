"""A message in detail: its cascade, ids and cost, the request that created it and the reply,
decoded in their charset, the violations found in it and the delivery reports pushed for it."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

from aiohttp import web
from aiohttp.test_utils import TestServer

SMSC = "login=demo&psw=demo&fmt=3"
WORDS = "Заказ готов"


async def detail_of_newest(admin) -> dict:
    [newest] = (await admin.get("/messages?order=desc&limit=1"))["messages"]
    return await admin.get(f"/inbox/messages/{newest['id']}", expect=200)


async def test_the_request_is_decoded_in_the_charset_smsc_was_sent(client, admin):
    for phone, charset, query in (("79001234567", "windows-1251", ""),
                                  ("79001234568", "utf-8", "&charset=utf-8"),
                                  ("79001234569", "koi8-r", "&charset=koi8-r")):
        encoded = quote(WORDS, encoding=charset)
        await client.get(f"/sys/send.php?{SMSC}&phones={phone}&mes={encoded}{query}")
        request = (await detail_of_newest(admin))["request"]
        assert request["charset"] == charset
        assert ["mes", WORDS] in request["params"]
        assert request["path"] == "/sys/send.php" and request["method"] == "GET"


async def test_a_form_body_is_decoded_too(client, admin):
    body = f"{SMSC}&phones=79001234567&mes={quote(WORDS, encoding='cp1251')}"
    await client.post("/sys/send.php", data=body.encode(),
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    request = (await detail_of_newest(admin))["request"]
    assert ["mes", WORDS] in request["params"] and request["method"] == "POST"


async def test_the_reply_is_kept_in_the_charset_it_was_sent_in(client, admin):
    await client.get(f"/sys/send.php?{SMSC}&phones=79001234567&mes=hi")
    [message] = (await admin.get("/messages"))["messages"]
    await admin.post(f"/messages/{message['id']}/events", {"channel": "sms", "status": "delivered"})
    sms_id = message["provider_ids"]["id"]
    reply = await client.get(f"/sys/status.php?login=demo&psw=demo&phone=79001234567&id={sms_id}"
                             "&fmt=3&all=1")
    assert reply.charset == "windows-1251"
    journaled = (await admin.get("/requests"))["requests"][-1]
    assert '"status_name": "Доставлено"' in journaled["reply"]


async def test_the_cascade_ids_cost_and_violations(client, admin):
    await client.get("/sendmessage.php", params={
        "login": "demo", "password": "demo", "phone": "79001234567", "send_viber": "1",
        "sender_viber": "Shop", "text_viber": "Ваш заказ готов", "send_sms": "2",
        "sender_sms": "Shop", "text_sms": "Заказ готов"})
    detail = await detail_of_newest(admin)
    message = detail["message"]
    assert [c["channel"] for c in message["channels"]] == ["viber", "sms"]
    assert set(message["provider_ids"]) >= {"id_message"}
    assert message["cost"] == "0.20"  # Viber to Russia, charged at the request
    assert detail["request"]["reply"] == message["provider_ids"]["id_message"]
    assert message["violations"] == [] and detail["webhooks"] == []

    await client.get("/im/send/", params={"username": "demo", "api_key": "demo",
                                          "to": "380501234567", "im_message": "Hi",
                                          "im_button_text": "Open"})
    flagged = (await detail_of_newest(admin))["message"]
    assert [(v["rule"], v["field"]) for v in flagged["violations"]] == [
        ("button_without_pair", "im_button_text")]
    assert "im_button_link" in flagged["violations"][0]["message"]
    page = (await admin.get("/inbox/messages?order=desc&limit=2"))["messages"]
    assert [bool(m["violations"]) for m in page] == [True, False]  # flagged in the list too


async def test_delivery_reports_pushed_and_their_attempts(client, admin):
    pushed = asyncio.Event()

    async def receive(request: web.Request) -> web.Response:
        pushed.set()
        return web.Response(text="OK")

    receiver_app = web.Application()
    receiver_app.router.add_get("/dlr", receive)
    receiver = TestServer(receiver_app)
    await receiver.start_server()
    try:
        await admin.patch("/accounts/inteltele/demo",
                          {"callback_url": str(receiver.make_url("/dlr")),
                           "callback_method": "GET"}, expect=200)
        await client.get("/im/send/", params={"username": "demo", "api_key": "demo",
                                              "to": "380501234567", "im_message": "Hi"})
        await admin.post("/clock", {"advance": 5})
        await asyncio.wait_for(pushed.wait(), 5)
        for _ in range(100):  # the push's answer is logged right after it is received
            webhooks = (await detail_of_newest(admin))["webhooks"]
            if webhooks and webhooks[0]["attempts"]:
                break
            await asyncio.sleep(0)
    finally:
        await receiver.close()
    [webhook] = webhooks
    assert webhook["state"] == "delivered" and webhook["attempts"][0]["status"] == 200
    assert webhook["url"].endswith("/dlr") and webhook["params"]


async def test_a_message_whose_request_left_the_journal_still_shows(client, admin):
    await client.get(f"/sys/send.php?{SMSC}&phones=79001234567&mes=hi")
    await admin.delete("/requests", expect=204)
    detail = await detail_of_newest(admin)
    assert detail["message"]["channels"][0]["text"] == "hi"
    assert detail["request"] is not None  # the link holds the entry it was made with
    await admin.post("/reset")
    assert (await admin.get("/inbox/messages/nope", expect=404))["error"]["code"] == (
        "message_not_found")
