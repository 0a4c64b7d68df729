"""Faults and reports that do what they say: a fault on `login` fires wherever the login came
in; clearing the webhooks stops their retries; the journal reads each charset."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from contract_tests.control_plane.conftest import Admin
from mockserver.core.accounts import apply_fields

XML_STATE = ('<?xml version="1.0" encoding="utf-8"?><request><security>'
             '<login value="{login}" /><password value="demo" /></security>'
             '<state><id_message>1</id_message></state></request>')


def _multipart(fields: dict[str, str]) -> aiohttp.FormData:
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    return form


# (how the login travels, the request for a given login) on every provider's wires.
WIRES = {
    "inteltele query": lambda c, login: c.get("/balance/", params={
        "username": login, "api_key": "demo"}),
    "inteltele form": lambda c, login: c.post("/balance/", data={
        "username": login, "api_key": "demo"}),
    "inteltele multipart": lambda c, login: c.post("/balance/", data=_multipart({
        "username": login, "api_key": "demo"})),
    "inteltele json": lambda c, login: c.post("/balance/", json={
        "username": login, "api_key": "demo"}),
    "targetsms get": lambda c, login: c.get("/sendmessage.php", params={
        "login": login, "password": "demo", "id_message": "1"}),
    "targetsms json": lambda c, login: c.post("/sendmessagejson.php", data=json.dumps({
        "login": login, "password": "demo", "state": [{"id_message": "1"}]})),
    "targetsms xml": lambda c, login: c.post("/xml/state_message.php", data=XML_STATE.format(
        login=login).encode(), headers={"Content-Type": "text/xml"}),
    "smsc query": lambda c, login: c.get("/sys/balance.php", params={
        "login": login, "psw": "demo"}),
    "smsc form": lambda c, login: c.post("/sys/balance.php", data={
        "login": login, "psw": "demo"}),
    "smsc windows-1251 form": lambda c, login: c.post("/sys/balance.php", data=(
        "login=" + login + "&psw=demo").encode("cp1251"),
        headers={"Content-Type": "application/x-www-form-urlencoded"}),
}


@pytest.mark.parametrize("wire", list(WIRES))
async def test_a_fault_on_login_fires_wherever_the_login_came_in(client, wire):
    admin = Admin(client)
    await admin.post("/faults", {"kind": "status", "status": 503, "match": {"login": "demo"}},
                     expect=201)
    assert (await WIRES[wire](client, "demo")).status == 503
    assert (await WIRES[wire](client, "someone-else")).status == 200
    assert (await admin.get("/faults"))["faults"][0]["fired"] == 1


async def test_clearing_the_webhooks_stops_the_retries_already_scheduled(client, state):
    pushes: list[str] = []
    failed = asyncio.Event()

    async def failing_receiver(url, method, params, timeout):
        pushes.append(params["msgid"])
        failed.set()
        return 500
    state.callbacks.transport = failing_receiver
    apply_fields(state.accounts.get("inteltele", "demo"), {"callback_url": "http://receiver/"})
    await client.get("/im/send/", params={"username": "demo", "api_key": "demo",
                                          "to": "380501234567", "im_message": "Hi"})
    admin = Admin(client)
    await admin.post("/clock", {"advance": 2})  # delivered: the report is pushed, and fails
    await asyncio.wait_for(failed.wait(), timeout=5)
    for _ in range(100):  # let the worker note the failure and schedule the retry
        if (await admin.get("/webhooks"))["webhooks"][0]["state"] == "retrying":
            break
        await asyncio.sleep(0)
    assert len(state.scheduler) >= 1

    await admin.delete("/webhooks", expect=204)
    await admin.post("/clock", {"advance": 3600})  # every retry would have fallen due
    for _ in range(20):
        await asyncio.sleep(0)
    assert len(pushes) == 1
    assert (await admin.get("/webhooks"))["webhooks"] == []


async def test_the_journal_reads_smsc_windows_1251_bodies_and_replies(client):
    await client.post("/sys/send.php", data="login=demo&psw=demo&phones=79031234567"
                      "&mes=Привет".encode("cp1251"),
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    status = await client.get("/sys/status.php", params={
        "login": "demo", "psw": "demo", "id": "1", "phone": "79031234567", "all": "1"})
    assert "Привет".encode("cp1251") in await status.read()  # windows-1251 on the wire
    sent, looked_up = (await Admin(client).get("/requests"))["requests"]
    assert sent["body"].endswith("&mes=Привет")
    assert sent["reply"].startswith("OK - 1 SMS")
    assert "Привет" in looked_up["reply"]


async def test_the_journal_reads_a_utf8_body_by_the_charset_the_client_names(client):
    await client.post("/sys/send.php", data="login=demo&psw=demo&phones=79031234568"
                      "&charset=utf-8&mes=Привет".encode(),
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    [sent] = (await Admin(client).get("/requests"))["requests"]
    assert sent["body"].endswith("&mes=Привет")


@pytest.mark.parametrize("charset", ["", "utf-8", "koi8-r"])
async def test_an_smsc_login_is_read_in_the_requests_charset_for_faults(client, charset):
    await Admin(client).post("/faults", {"kind": "status", "status": 503,
                                         "match": {"login": "магазин"}}, expect=201)
    codec = {"": "cp1251", "utf-8": "utf-8", "koi8-r": "koi8_r"}[charset]
    body = "login=магазин&psw=x&charset=".encode(codec) + charset.encode()
    response = await client.post("/sys/balance.php", data=body,
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status == 503
