"""Every shipped scenario, loaded at run time, observed through each provider it touches the way
the application under test would see it (the README's table of scenarios says the same)."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from mockserver.config import shipped_scenarios

IT = {"username": "demo", "api_key": "demo"}
TS = {"login": "demo", "password": "demo"}
SC = {"login": "demo", "psw": "demo"}

SHIPPED = ["blacklisted", "everything-expires", "flaky", "locked-out", "low-balance",
           "sender-not-registered", "slow-network", "viber-down"]


async def load(client, name: str) -> None:
    response = await client.post("/__admin/scenario", json={"name": name})
    assert response.status == 200, await response.text()


async def advance(client, seconds: float) -> None:
    assert (await client.post("/__admin/clock", json={"advance": seconds})).status == 200


async def message_of(client, phone: str, provider: str) -> dict:
    response = await client.get("/__admin/messages", params={"phone": phone,
                                                             "provider": provider})
    [message] = (await response.json())["messages"]
    return message


async def inteltele_send(client, **params) -> dict:
    response = await client.post("/im/send/", data={**IT, **params})
    return (await response.json())["reply"][0]


async def inteltele_status(client, message_id: str) -> str:
    response = await client.get("/im/status/", params={**IT, "requests": message_id})
    return (await response.json())[message_id]["status"]


async def targetsms_send(client, **params) -> str:
    response = await client.get("/sendmessage.php", params={**TS, **params})
    return await response.text()


async def targetsms_state(client, id_message: str) -> dict:
    response = await client.post("/sendmessagejson.php",
                                 json={**TS, "state": [{"id_message": id_message}]})
    return (await response.json())["state"][0]


async def smsc(client, path: str, **params) -> dict:
    response = await client.get(f"/sys/{path}.php", params={**SC, "fmt": "3", **params})
    return await response.json(content_type=None)


def test_the_shipped_set_is_complete_and_each_has_a_description():
    assert list(shipped_scenarios()) == SHIPPED


async def test_the_control_plane_lists_the_shipped_scenarios(client):
    listed = (await (await client.get("/__admin/scenarios")).json())["scenarios"]
    assert [s["name"] for s in listed] == SHIPPED
    assert all(len(s["description"]) > 40 for s in listed)


async def test_an_unknown_scenario_name_is_refused_with_the_names_that_exist(client):
    response = await client.post("/__admin/scenario", json={"name": "viber-up"})
    assert response.status == 400
    message = (await response.json())["error"]["message"]
    assert "viber-up" in message and "viber-down" in message


# --- viber-down ------------------------------------------------------------------------------
async def test_viber_down_falls_back_to_sms_on_inteltele(client):
    await load(client, "viber-down")
    sent = await inteltele_send(client, to="380501234567", im_message="Code 1",
                                sms_message="Code 1", sms_source="Shop")
    await advance(client, 60)
    assert await inteltele_status(client, sent["message_id"]) == "delivrd"
    channels = (await message_of(client, "380501234567", "inteltele"))["channels"]
    assert [(c["channel"], c["status"]) for c in channels] == [("viber", "undelivered"),
                                                              ("sms", "delivered")]


async def test_viber_down_falls_back_to_sms_on_targetsms(client):
    await load(client, "viber-down")
    id_message = await targetsms_send(client, phone="79001234567", send_viber="1",
                                      sender_viber="Shop", text_viber="hi", send_sms="2",
                                      sender_sms="Shop", text_sms="hi")
    await advance(client, 60)
    state = await targetsms_state(client, id_message)
    assert (state["state_viber"], state["state_sms"], state["state"]) == (
        "not_deliver", "deliver", "deliver")


async def test_viber_down_leaves_smsc_viber_messages_undelivered(client):
    await load(client, "viber-down")
    sent = await smsc(client, "send", phones="79001234567", mes="hi", viber="1")
    await advance(client, 60)
    status = await smsc(client, "status", phone="79001234567", id=sent["id"])
    assert (status["status"], status["err"]) == (20, 6)
    sms = await smsc(client, "send", phones="79001234568", mes="hi")
    await advance(client, 60)
    assert (await smsc(client, "status", phone="79001234568", id=sms["id"]))["status"] == 1


# --- low-balance -----------------------------------------------------------------------------
async def test_low_balance_refuses_every_send_and_shows_the_balance(client):
    await client.patch("/__admin/accounts/smsc/demo", json={"password": "changed"})
    await load(client, "low-balance")
    # a scenario changes the fields it names; the account keeps the rest
    assert (await smsc(client, "balance", psw="changed"))["balance"] == "0.01"
    sent = await inteltele_send(client, to="380501234567", im_message="Code 1")
    assert sent["status"] == "error: low balance"
    balance = await (await client.get("/balance/", params=IT)).json()
    assert balance == {"balance": "0.01"}

    reply = await targetsms_send(client, phone="79001234567", send_sms="1", sender_sms="Shop",
                                 text_sms="hi")
    assert reply.startswith("Недостаточно средств для отправки SMS.")

    refused = await smsc(client, "send", phones="79001234567", mes="hi", psw="changed")
    assert (refused["error"], refused["error_code"]) == ("no money", 3)


# --- slow-network ----------------------------------------------------------------------------
async def test_slow_network_answers_every_provider_a_second_late(client):
    await load(client, "slow-network")
    started = time.monotonic()
    replies = await asyncio.gather(
        client.get("/balance/", params=IT),
        client.get("/sendmessage.php", params={**TS, "id_message": "1"}),
        client.get("/sys/balance.php", params=SC))
    assert time.monotonic() - started >= 1.0
    assert [reply.status for reply in replies] == [200, 200, 200]
    assert await replies[0].json() == {"balance": "1000.00"}


# --- flaky -----------------------------------------------------------------------------------
async def _outcomes(client, path: str, params: dict, count: int) -> list[str]:
    # An injected timeout never answers; a real answer comes in milliseconds, but a loaded
    # CI machine may take some hundreds of them, so the client waits a whole second.
    seen = []
    for _ in range(count):
        try:
            response = await client.get(path, params=params,
                                        timeout=aiohttp.ClientTimeout(total=1.0))
            seen.append(str(response.status))
        except TimeoutError:
            seen.append("timeout")
        except aiohttp.ClientError:
            seen.append("reset")
    return seen


@pytest.mark.parametrize("path, params", [("/balance/", IT), ("/sendmessage.php", TS),
                                          ("/sys/balance.php", SC)],
                         ids=["inteltele", "targetsms", "smsc"])
async def test_flaky_fails_a_seeded_share_and_repeats_after_a_reset(client, path, params):
    await load(client, "flaky")
    first = await _outcomes(client, path, params, 40)
    assert first.count("200") >= 24
    assert {"503", "500"} & set(first) and {"reset", "timeout"} & set(first)
    await client.post("/__admin/reset")
    await load(client, "flaky")
    assert await _outcomes(client, path, params, 40) == first


# --- blacklisted -----------------------------------------------------------------------------
async def test_blacklisted_numbers_get_each_providers_refusal(client):
    await load(client, "blacklisted")
    sent = await inteltele_send(client, to="380501234567", im_message="Code 1")
    assert sent["status"] == "error: number is blacklisted"
    reply = await targetsms_send(client, phone="79001234567", send_sms="1", sender_sms="Shop",
                                 text_sms="hi")
    assert reply == "Номер телефона присутствует в стоп-листе."
    refused = await smsc(client, "send", phones="79001234567", mes="hi")
    assert (refused["error"], refused["error_code"]) == ("message is denied", 6)
    assert (await smsc(client, "send", phones="79001234568", mes="hi"))["cnt"] == 1


# --- sender-not-registered -------------------------------------------------------------------
async def test_unregistered_senders_are_refused_and_the_registered_one_passes(client):
    await load(client, "sender-not-registered")
    assert (await inteltele_send(client, to="380501234567", im_message="Code 1",
                                 im_sender="Shop"))["status"] == "error: wrong sender"
    assert (await inteltele_send(client, to="380501234567", im_message="Code 1",
                                 im_sender="Registered"))["status"] == "OK"

    assert await targetsms_send(client, phone="79001234567", send_sms="1", sender_sms="Shop",
                                text_sms="hi") == "Такого отправителя нет."
    assert (await targetsms_send(client, phone="79001234568", send_sms="1",
                                 sender_sms="Registered", text_sms="hi")).isdigit()

    refused = await smsc(client, "send", phones="79001234567", mes="hi", sender="SMSC.ru")
    assert refused["error_code"] == 6
    assert (await smsc(client, "send", phones="79001234568", mes="hi",
                       sender="Registered"))["cnt"] == 1


# --- locked-out ------------------------------------------------------------------------------
async def test_one_failed_login_locks_the_address_out_for_an_hour(client):
    await load(client, "locked-out")
    await client.get("/balance/", params={**IT, "api_key": "wrong"})
    locked = await (await client.get("/balance/", params=IT)).json()
    assert locked == {"status": "bruteforcing detected", "error": True}

    await smsc(client, "balance", psw="wrong")
    blocked = await smsc(client, "balance")
    assert (blocked["error"], blocked["error_code"]) == ("ip is blocked", 4)

    await advance(client, 3601)
    assert await (await client.get("/balance/", params=IT)).json() == {"balance": "1000.00"}
    assert (await smsc(client, "balance"))["balance"] == "1000.00"


async def test_targetsms_has_no_lock_out_even_in_the_locked_out_scenario(client):
    await load(client, "locked-out")
    before = await targetsms_send(client, id_message="1179038981")
    assert await targetsms_send(client, password="wrong", id_message="1179038981") != before
    assert await targetsms_send(client, id_message="1179038981") == before


# --- everything-expires ----------------------------------------------------------------------
async def test_every_message_expires_on_every_provider(client):
    await load(client, "everything-expires")
    sent = await inteltele_send(client, to="380501234567", im_message="Code 1",
                                sms_message="Code 1", sms_source="Shop")
    id_message = await targetsms_send(client, phone="79001234567", send_viber="1",
                                      sender_viber="Shop", text_viber="hi", send_sms="2",
                                      sender_sms="Shop", text_sms="hi")
    smsc_sent = await smsc(client, "send", phones="79001234568", mes="hi")
    await advance(client, 3 * 86400)

    assert await inteltele_status(client, sent["message_id"]) == "expired"
    state = await targetsms_state(client, id_message)
    assert (state["state_viber"], state["state_sms"], state["state"]) == (
        "expired", "expired", "expired")
    status = await smsc(client, "status", phone="79001234568", id=smsc_sent["id"])
    assert status["status"] == 3
