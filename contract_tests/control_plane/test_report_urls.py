"""A callback_url is refused where the mock pushes no delivery reports (TargetSMS documents
none): kept, it would silently never be called."""

from __future__ import annotations

import pytest

from mockserver.config import FixtureError, parse

URL = "http://127.0.0.1:1/dlr"


async def test_put_refuses_a_callback_url_for_targetsms(admin):
    error = await admin.put("/accounts/targetsms/acme", {"password": "p", "callback_url": URL},
                            expect=400)
    assert error["error"]["code"] == "invalid_account"
    assert "callback_url" in error["error"]["message"]
    assert "the mock pushes no targetsms delivery reports" in error["error"]["message"]
    await admin.get("/accounts/targetsms/acme", expect=404)


async def test_patch_refuses_it_and_changes_nothing(admin):
    error = await admin.patch("/accounts/targetsms/demo", {"balance": "1", "callback_url": URL},
                              expect=400)
    assert "delivery reports" in error["error"]["message"]
    account = await admin.get("/accounts/targetsms/demo")
    assert (account["callback_url"], account["balance"]) == ("", "1000.00")


async def test_smsc_which_pushes_its_notifications_keeps_it(admin):
    created = await admin.put("/accounts/smsc/acme", {"password": "p", "callback_url": URL},
                              expect=201)
    assert created["callback_url"] == URL


async def test_inteltele_which_pushes_reports_keeps_it(admin):
    created = await admin.put("/accounts/inteltele/acme", {"api_keys": ["k"], "callback_url": URL},
                              expect=201)
    assert created["callback_url"] == URL
    patched = await admin.patch("/accounts/targetsms/demo", {"callback_url": ""}, expect=200)
    assert patched["callback_url"] == ""


async def test_a_scenario_with_one_is_refused(admin):
    error = await admin.post("/scenario", {"accounts": [
        {"provider": "targetsms", "login": "acme", "password": "p", "callback_url": URL}]},
        expect=400)
    assert "delivery reports" in error["error"]["message"]


def test_fixtures_with_one_are_refused_naming_the_account():
    with pytest.raises(FixtureError, match=r"accounts\[0\] \(acme\): callback_url: the mock pushes no targetsms"):
        parse({"accounts": [{"provider": "targetsms", "login": "acme", "callback_url": URL}]})
