"""Faults on demand: delays, error statuses, dropped connections, silence and garbage."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

BALANCE = "/balance/?username=demo&api_key=demo"


async def test_status_fault_fires_the_asked_number_of_times(admin, client):
    fault = await admin.post("/faults", {"kind": "status", "status": 503,
                                         "match": {"provider": "inteltele", "path": "/balance/"},
                                         "times": 2}, expect=201)
    assert fault["fired"] == 0
    statuses = [(await client.get(BALANCE)).status for _ in range(3)]
    assert statuses == [503, 503, 200]
    assert (await client.get("/credit/?username=demo&api_key=demo")).status == 200
    assert (await admin.get("/faults"))["faults"][0]["fired"] == 2
    journal = (await admin.get("/requests"))["requests"]
    assert [e["status"] for e in journal] == [503, 503, 200, 200]


async def test_delay_fault_slows_the_reply(admin, client):
    await admin.post("/faults", {"kind": "delay", "delay_ms": 200, "match": {"path": "/credit/"}})
    started = time.monotonic()
    response = await client.get("/credit/?username=demo&api_key=demo")
    assert response.status == 200 and await response.json() == {"credit": "0.00"}
    assert time.monotonic() - started >= 0.2


async def test_garbage_fault_answers_200_with_a_malformed_body(admin, client):
    await admin.post("/faults", {"kind": "garbage", "match": {"path": "/balance/"}})
    response = await client.get(BALANCE)
    assert response.status == 200
    with pytest.raises((aiohttp.ContentTypeError, ValueError)):
        await response.json()


async def test_reset_fault_drops_the_connection(admin, client):
    await admin.post("/faults", {"kind": "reset", "match": {"path": "/balance/"}, "times": 1})
    with pytest.raises(aiohttp.ClientError):
        await client.get(BALANCE)
    assert (await client.get(BALANCE)).status == 200


async def test_timeout_fault_never_answers(admin, client):
    await admin.post("/faults", {"kind": "timeout", "match": {"path": "/balance/"}, "times": 1})
    with pytest.raises(asyncio.TimeoutError):
        await client.get(BALANCE, timeout=aiohttp.ClientTimeout(total=0.3))
    assert (await client.get(BALANCE)).status == 200


async def test_probability_zero_never_fires_and_match_is_respected(admin, client):
    await admin.post("/faults", {"kind": "status", "status": 500, "probability": 0})
    await admin.post("/faults", {"kind": "status", "status": 429, "match": {"method": "post"}})
    assert (await client.get(BALANCE)).status == 200
    assert (await client.post(BALANCE)).status == 429
    await admin.delete("/faults", expect=204)
    assert (await client.post(BALANCE)).status == 200


@pytest.mark.parametrize("bad", [{"kind": "explode"}, {"kind": "delay"},
                                 {"kind": "status", "status": 99},
                                 {"kind": "status", "probability": 2},
                                 {"kind": "status", "times": 0},
                                 {"kind": "status", "match": {"colour": "red"}}])
async def test_bad_faults_are_refused(admin, bad):
    assert (await admin.post("/faults", bad, expect=400))["error"]["code"] == "invalid_fault"


async def test_faults_never_touch_the_control_plane(admin, client):
    await admin.post("/faults", {"kind": "status", "status": 500})
    assert (await client.get("/__admin/health")).status == 200
