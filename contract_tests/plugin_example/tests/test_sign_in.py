"""The shop's sign-in, tested the way its developers would: three lines per test, no sleeps."""

from __future__ import annotations

import pytest
from shop.sign_in import SignIn

PHONES = {"inteltele": "380501234567", "targetsms": "79001234567", "smsc": "79001234568"}


@pytest.fixture(params=sorted(PHONES))
def provider(request):
    return request.param


def test_the_code_texted_signs_the_user_in(sms_mock, provider):
    app = SignIn(sms_mock.url, provider, sms_mock.account(provider).params)
    app.request_code(PHONES[provider])
    assert app.sign_in(PHONES[provider], sms_mock.messages.code(PHONES[provider]))
    sms_mock.assert_no_violations()


def test_a_wrong_code_is_refused(sms_mock, provider):
    app = SignIn(sms_mock.url, provider, sms_mock.account(provider).params)
    app.request_code(PHONES[provider])
    code = sms_mock.messages.code(PHONES[provider])
    assert not app.sign_in(PHONES[provider], str((int(code) + 1) % 1_000_000).zfill(6))


def test_the_code_is_delivered(sms_mock, provider):
    app = SignIn(sms_mock.url, provider, sms_mock.account(provider).params)
    app.request_code(PHONES[provider])
    sent = sms_mock.messages.wait(phone=PHONES[provider])
    sms_mock.clock.advance(10)
    assert sms_mock.messages.wait(phone=PHONES[provider], status="delivered").id == sent.id


@pytest.mark.sms_mock(fixtures="scenarios/viber_down.toml")
def test_with_viber_down_the_code_comes_by_sms(sms_mock):
    app = SignIn(sms_mock.url, "inteltele", sms_mock.account("inteltele").params)
    app.request_code(PHONES["inteltele"])
    sms_mock.messages.wait(phone=PHONES["inteltele"])
    sms_mock.clock.advance(10)
    message = sms_mock.messages.wait(phone=PHONES["inteltele"], status="delivered")
    assert [c.status for c in message.channels] == ["undelivered", "delivered"]
    assert app.sign_in(PHONES["inteltele"], message.codes[0])


def test_each_test_starts_with_no_messages(sms_mock):
    sms_mock.account("smsc")
    assert sms_mock.messages.all() == []
