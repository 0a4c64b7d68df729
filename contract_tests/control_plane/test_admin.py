"""The control plane of CONTROL_PLANE.md, every reply checked against the OpenAPI document."""

from __future__ import annotations

import pytest

from mockserver.admin.openapi import document

DEMO_SEND = {"username": "demo", "api_key": "demo", "im_message": "Hi"}


async def send(client, to="380501234567", **extra):
    response = await client.get("/im/send/", params={**DEMO_SEND, "to": to, **extra})
    return (await response.json())["reply"][0]


async def test_health(admin):
    assert (await admin.get("/health", expect=200))["status"] == "ok"


async def test_openapi_document_is_served_and_covers_every_admin_route(client):
    served = await (await client.get("/__admin/openapi.json")).json()
    assert served == document() and served["openapi"] == "3.1.0"
    routes = {(r.method, r.resource.canonical) for r in client.app.router.routes()
              if r.resource is not None and r.resource.canonical.startswith("/__admin")
              and r.method != "HEAD"}
    documented = {(method.upper(), path) for path, item in served["paths"].items()
                  for method in item if method != "parameters"}
    assert routes == documented


async def test_unknown_admin_paths_answer_in_the_error_shape(admin, client):
    response = await client.get("/__admin/nope")
    assert response.status == 404
    assert (await response.json())["error"]["code"] == "not_found"
    response = await client.put("/__admin/clock", json={})
    assert response.status == 405
    assert (await response.json())["error"]["code"] == "method_not_allowed"


# --- accounts --------------------------------------------------------------------------------
async def test_accounts_crud(admin):
    listed = await admin.get("/accounts", expect=200)
    assert {(a["provider"], a["login"]) for a in listed["accounts"]} >= {
        ("inteltele", "demo"), ("targetsms", "demo"), ("smsc", "demo")}
    created = await admin.put("/accounts/inteltele/acme", {
        "api_keys": ["k1"], "balance": "5.00", "allowed_ips": ["10.0.0.0/8"],
        "callback_url": "http://127.0.0.1:1/dlr"}, expect=201)
    assert created["balance"] == "5.00" and created["currency"] == "UAH"
    assert (await admin.put("/accounts/inteltele/acme", {"api_keys": ["k2"]},
                            expect=200))["balance"] == "0"
    patched = await admin.patch("/accounts/inteltele/acme", {"balance": "7.5", "credit": "1"},
                                expect=200)
    assert (patched["balance"], patched["credit"], patched["api_keys"]) == ("7.5", "1", ["k2"])
    assert (await admin.get("/accounts/inteltele/acme", expect=200))["balance"] == "7.5"
    await admin.delete("/accounts/inteltele/acme", expect=204)
    await admin.get("/accounts/inteltele/acme", expect=404)


@pytest.mark.parametrize("fields", [{"balance": "lots"}, {"api_keys": list("123456")},
                                    {"allowed_ips": ["300.1.1.1"]}, {"shoe_size": 44},
                                    {"timezone": "Nowhere/Land"}])
async def test_bad_account_fields_are_400_and_change_nothing(admin, fields):
    error = await admin.patch("/accounts/inteltele/demo", {"credit": "9", **fields}, expect=400)
    assert error["error"]["code"] == "invalid_account"
    assert (await admin.get("/accounts/inteltele/demo"))["credit"] == "0.00"


async def test_unknown_provider_is_404(admin):
    assert (await admin.get("/accounts/nokia/demo", expect=404))["error"]["code"] == \
        "unknown_provider"


async def test_an_account_made_over_the_control_plane_can_send(admin, client):
    await admin.put("/accounts/inteltele/acme", {"api_keys": ["k1"], "balance": "1"})
    reply = await (await client.get("/im/send/", params={
        "username": "acme", "api_key": "k1", "to": "380501234567", "im_message": "x"})).json()
    assert reply["reply"][0]["status"] == "OK"  # priced from the fixtures' default rates


# --- messages --------------------------------------------------------------------------------
async def test_messages_list_filters_and_one(admin, client):
    first = await send(client)
    await send(client, to="7123456789")
    everything = (await admin.get("/messages", expect=200))["messages"]
    assert [m["phone"] for m in everything] == ["380501234567", "7123456789"]
    by_phone = (await admin.get("/messages?phone=7123456789"))["messages"]
    assert [m["phone"] for m in by_phone] == ["7123456789"]
    by_id = (await admin.get(f"/messages?provider_id={first['message_id']}"))["messages"]
    assert by_id[0]["provider_ids"] == {"message_id": first["message_id"]}
    assert (await admin.get("/messages?limit=1"))["messages"][0]["phone"] == "380501234567"
    assert (await admin.get("/messages?provider=smsc"))["messages"] == []
    assert len((await admin.get("/messages?status=sent&channel=viber&login=demo"))[
        "messages"]) == 2
    one = await admin.get(f"/messages/{by_id[0]['id']}", expect=200)
    assert one["channels"][0]["history"][0]["status"] == "sent"
    await admin.get("/messages?limit=x", expect=400)
    await admin.get("/messages/unknown", expect=404)
    await admin.delete("/messages", expect=204)
    assert (await admin.get("/messages"))["messages"] == []


async def test_forced_events_follow_the_cascade_and_refuse_the_impossible(admin, client):
    await send(client, sms_source="Shop", sms_message="fallback")
    message = (await admin.get("/messages"))["messages"][0]
    path = f"/messages/{message['id']}/events"
    refused = await admin.post(path, {"channel": "sms", "status": "delivered"}, expect=409)
    assert refused["error"]["code"] == "event_refused"
    after = await admin.post(path, {"channel": "viber", "status": "undelivered"}, expect=200)
    assert [c["status"] for c in after["channels"]] == ["undelivered", "sent"]
    await admin.post(path, {"channel": "viber", "status": "delivered"}, expect=409)
    done = await admin.post(path, {"channel": "sms", "status": "delivered"}, expect=200)
    assert done["status"] == "delivered"
    await admin.post(path, {"channel": "sms", "status": "teleported"}, expect=400)
    await admin.post(path, {"status": "delivered"}, expect=400)


# --- rules -----------------------------------------------------------------------------------
async def test_rules_change_outcomes_newest_first(admin, client):
    await admin.post("/rules", {"match": {"phone": "380501234567"},
                                "outcome": {"viber": "undelivered"}}, expect=201)
    rule = await admin.post("/rules", {"match": {"phone_prefix": "380"},
                                       "outcome": {"viber": "expired"}, "after_s": 5},
                            expect=201)
    assert rule["after_s"] == 5
    assert len((await admin.get("/rules"))["rules"]) == 2
    await send(client)  # im_ttl: the default 15 s
    await admin.post("/clock", {"advance": 14})
    assert (await admin.get("/messages"))["messages"][0]["status"] == "sent"  # never before
    await admin.post("/clock", {"advance": 1})
    assert (await admin.get("/messages"))["messages"][0]["status"] == "expired"
    await admin.delete("/rules", expect=204)
    assert (await admin.get("/rules"))["rules"] == []
    await admin.post("/rules", {"match": {}, "outcome": {"viber": "lost"}}, expect=400)


# --- clock -----------------------------------------------------------------------------------
async def test_clock_moves_and_never_goes_backwards(admin):
    clock = await admin.get("/clock", expect=200)
    assert clock == {"now": "2026-01-01T09:00:00Z", "mode": "frozen"}
    assert (await admin.post("/clock", {"advance": 90}))["now"] == "2026-01-01T09:01:30Z"
    assert (await admin.post("/clock", {"set": "2026-01-02T00:00:00Z"}))["now"] == \
        "2026-01-02T00:00:00Z"
    error = await admin.post("/clock", {"set": "2026-01-01T00:00:00Z"}, expect=409)
    assert error["error"]["code"] == "clock_backwards"
    real = await admin.post("/clock", {"mode": "real", "advance": 10}, expect=200)
    assert real["mode"] == "real" and real["now"] >= "2026-01-02T00:00:10"
    await admin.post("/clock", {"advance": "soon"}, expect=400)
    await admin.post("/clock", {"mode": "sideways"}, expect=400)
    await admin.post("/clock", {"advance": 1, "set": "2030-01-01T00:00:00Z"}, expect=400)


async def test_moving_the_clock_runs_what_fell_due_before_it_returns(admin, client):
    await send(client)
    await admin.post("/clock", {"advance": 2})
    assert (await admin.get("/messages"))["messages"][0]["status"] == "delivered"


# --- reset and scenario ----------------------------------------------------------------------
async def test_reset_goes_back_to_the_state_loaded_at_start(admin, client):
    await admin.patch("/accounts/inteltele/demo", {"balance": "1.00"})
    await admin.put("/accounts/smsc/extra", {"password": "x"})
    await send(client)
    await admin.post("/rules", {"match": {}, "outcome": {"sms": "expired"}})
    await admin.post("/faults", {"kind": "status", "status": 503,
                                 "match": {"path": "/credit/"}})
    await admin.post("/clock", {"advance": 3600})
    await admin.post("/reset", expect=200)
    assert (await admin.get("/accounts/inteltele/demo"))["balance"] == "1000.00"
    await admin.get("/accounts/smsc/extra", expect=404)
    for plural in ("messages", "rules", "faults", "requests", "webhooks"):
        assert (await admin.get(f"/{plural}"))[plural] == []
    assert (await admin.get("/clock"))["now"] == "2026-01-01T09:00:00Z"


async def test_scenario_loads_on_top_of_the_current_state(admin, client):
    await admin.post("/scenario", {
        "accounts": [{"provider": "inteltele", "login": "qa", "api_keys": ["qa"],
                      "balance": "3.00", "blacklist": ["380501234567"]}],
        "rates": {"viber": {"us": {"": "0.50"}}},
        "rules": [{"match": {"phone": "12025550123"}, "outcome": {"viber": "rejected"}}],
    }, expect=200)
    reply = await (await client.get("/im/send/", params={
        "username": "qa", "api_key": "qa", "to": "12025550123,380501234567",
        "im_message": "x"})).json()
    assert [e["status"] for e in reply["reply"]] == ["OK", "error: number is blacklisted"]
    assert reply["reply"][0]["cost"] == "0.500000"
    assert (await admin.get("/accounts/inteltele/demo"))["balance"] == "1000.00"
    bad = await admin.post("/scenario", {"accounts": [{"provider": "inteltele"}]}, expect=400)
    assert bad["error"]["code"] == "invalid_scenario"
    await admin.post("/scenario", {"rules": [{"match": {}, "outcome": {"x": "y"}}]}, expect=400)


async def test_scenario_in_toml(client):
    response = await client.post("/__admin/scenario", data=(
        '[[accounts]]\nprovider = "smsc"\nlogin = "toml"\npassword = "t"\n'),
        headers={"Content-Type": "application/toml"})
    assert response.status == 200
    assert (await client.get("/__admin/accounts/smsc/toml")).status == 200


# --- journal and violations ------------------------------------------------------------------
async def test_journal_records_requests_and_replies(admin, client):
    await send(client)
    await client.post("/balance/", data={"username": "demo", "api_key": "demo"})
    journal = (await admin.get("/requests", expect=200))["requests"]
    assert [(e["method"], e["path"]) for e in journal] == [("GET", "/im/send/"),
                                                          ("POST", "/balance/")]
    assert journal[0]["provider"] == "inteltele" and '"status": "OK"' in journal[0]["reply"]
    assert journal[1]["body"] == "username=demo&api_key=demo"
    assert (await admin.get("/requests?path=/balance/"))["requests"][0]["path"] == "/balance/"
    assert len((await admin.get("/requests?limit=1"))["requests"]) == 1
    await admin.delete("/requests", expect=204)
    assert (await admin.get("/requests"))["requests"] == []


async def test_violations_name_the_rule_field_and_request(admin, client):
    await send(client, im_ttl="99999")
    violations = (await admin.get("/violations", expect=200))["violations"]
    assert violations[0]["rule"] == "im_ttl_out_of_range"
    assert violations[0]["field"] == "im_ttl" and violations[0]["provider"] == "inteltele"
    assert violations[0]["request_id"] == (await admin.get("/requests"))["requests"][0]["id"]
    assert "15..86400" in violations[0]["message"]


async def test_webhooks_log_is_empty_without_callbacks(admin):
    assert (await admin.get("/webhooks", expect=200))["webhooks"] == []
    await admin.delete("/webhooks", expect=204)
