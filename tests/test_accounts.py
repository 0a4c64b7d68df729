import hashlib
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from mockserver.core.accounts import (
    Account,
    AccountBook,
    Authenticator,
    AuthFailure,
    BruteForceGuard,
    Credential,
    apply_fields,
)
from mockserver.core.clock import Clock, ClockMode, Scheduler


@pytest.fixture
def scheduler():
    return Scheduler(Clock(ClockMode.FROZEN, datetime(2026, 1, 1, tzinfo=UTC)))


def make(scheduler, **fields):
    book = AccountBook([Account.from_mapping("inteltele", "demo", {"api_keys": ["k1", "k2"],
                                                                   **fields})])
    return Authenticator(book, BruteForceGuard(scheduler.clock, 3, 60, 300))


def test_any_of_the_api_keys_authenticates(scheduler):
    auth = make(scheduler)
    for key in ("k1", "k2"):
        assert auth.authenticate("inteltele", "demo", key, "1.2.3.4", Credential.API_KEY).account
    result = auth.authenticate("inteltele", "demo", "nope", "1.2.3.4", Credential.API_KEY)
    assert result.failure is AuthFailure.WRONG_SECRET
    result = auth.authenticate("inteltele", "ghost", "k1", "1.2.3.4", Credential.API_KEY)
    assert result.failure is AuthFailure.UNKNOWN_LOGIN


def test_at_most_five_api_keys():
    with pytest.raises(ValueError, match="at most 5"):
        Account.from_mapping("inteltele", "x", {"api_keys": list("abcdef")})


@pytest.mark.parametrize(("allowed", "address", "ok"), [
    ([], "8.8.8.8", True),
    (["10.0.0.5"], "10.0.0.5", True),
    (["10.0.0.5"], "10.0.0.6", False),
    (["10.0.0.0/24"], "10.0.0.200", True),
    (["10.0.0.0/24"], "10.0.1.1", False),
    (["2001:db8::/32"], "2001:db8::1", True),
    (["10.0.0.0/24"], "not-an-ip", False),
])
def test_ip_allowlist_with_single_addresses_and_ranges(scheduler, allowed, address, ok):
    auth = make(scheduler, allowed_ips=allowed)
    result = auth.authenticate("inteltele", "demo", "k1", address, Credential.API_KEY)
    assert (result.failure is None) is ok
    if not ok:
        assert result.failure is AuthFailure.IP_NOT_ALLOWED


def test_password_or_its_lowercase_md5():
    account = Account.from_mapping("smsc", "demo", {"password": "secret"})
    md5 = hashlib.md5(b"secret").hexdigest()
    assert account.accepts_password("secret")
    assert account.accepts_password(md5, md5_too=True)
    assert not account.accepts_password(md5)
    assert not account.accepts_password(md5.upper(), md5_too=True)
    assert not account.accepts_password("")


def test_failures_lock_the_address_out_then_time_lets_it_back(scheduler):
    auth = make(scheduler)
    for _ in range(3):
        auth.authenticate("inteltele", "demo", "bad", "9.9.9.9", Credential.API_KEY)
    blocked = auth.authenticate("inteltele", "demo", "k1", "9.9.9.9", Credential.API_KEY)
    assert blocked.failure is AuthFailure.BLOCKED
    other = auth.authenticate("inteltele", "demo", "k1", "9.9.9.8", Credential.API_KEY)
    assert other.failure is None
    scheduler.advance(299)
    assert auth.authenticate("inteltele", "demo", "k1", "9.9.9.9",
                             Credential.API_KEY).failure is AuthFailure.BLOCKED
    scheduler.advance(1)
    assert auth.authenticate("inteltele", "demo", "k1", "9.9.9.9",
                             Credential.API_KEY).failure is None


def test_failures_outside_the_window_do_not_add_up(scheduler):
    auth = make(scheduler)
    for _ in range(5):
        auth.authenticate("inteltele", "demo", "bad", "9.9.9.9", Credential.API_KEY)
        scheduler.advance(31)
    assert auth.authenticate("inteltele", "demo", "k1", "9.9.9.9",
                             Credential.API_KEY).failure is None


def test_fields_round_trip_and_bad_fields_are_named():
    account = Account.from_mapping("smsc", "demo", {
        "password": "p", "balance": "10.50", "credit": 2, "allowed_ips": ["10.0.0.0/8"],
        "senders": {"sms": ["Shop"]}, "routes": ["RU"], "timezone": "Europe/Moscow",
        "rates": {"sms": {"ru": {"": "0.2"}}}, "callback_method": "get",
    })
    assert account.balance == Decimal("10.50") and account.credit == Decimal("2")
    again = Account.from_mapping("smsc", "demo", account.to_mapping())
    assert again.to_mapping() == account.to_mapping()
    for bad in ({"balance": "ten"}, {"timezone": "Mars/Base"}, {"colour": "red"},
                {"senders": {"pigeon": []}}, {"callback_method": "PUT"}, {"blacklist": "123"}):
        with pytest.raises(ValueError):
            apply_fields(Account.from_mapping("smsc", "x", {}), bad)


def test_affordability_counts_the_credit():
    account = Account.from_mapping("inteltele", "x", {"balance": "1.00", "credit": "0.50"})
    assert account.can_afford(Decimal("1.50"))
    assert not account.can_afford(Decimal("1.51"))
