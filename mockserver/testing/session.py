"""What one test holds: the control-plane client, and accounts of its own on the mock."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass

from .control import ControlError, MockControl

# A fresh account starts as the provider's demo account does, when the mock has one.
TEMPLATE_LOGIN = "demo"
FALLBACK_FIELDS = {"balance": "1000.00"}
# Logins no other process (an xdist worker, another suite on a shared mock) hands out.
_PROCESS = uuid.uuid4().hex[:8]
_TESTS = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Credentials:
    """A test's account: give these to the application under test."""

    provider: str
    login: str
    password: str
    api_key: str

    @property
    def params(self) -> dict[str, str]:
        """The credentials under the names the provider's API gives them."""
        if self.provider == "inteltele":
            return {"username": self.login, "api_key": self.api_key}
        if self.provider == "smsc":
            return {"login": self.login, "psw": self.password}
        return {"login": self.login, "password": self.password}


class SmsMock(MockControl):
    """The `sms_mock` fixture: MockControl plus `account(provider)`."""

    def __init__(self, url: str, login: str | None = None) -> None:
        super().__init__(url)
        self.login = login or f"t{_PROCESS}n{next(_TESTS)}"
        self._own: dict[str, Credentials] = {}

    def account(self, provider: str) -> Credentials:
        """This test's own account with `provider`, made on first use: the demo account's
        settings under a login and secrets no other test shares (the same login for every
        provider). From then on messages, requests and violations are read for that login
        only, so tests on one shared server cannot read each other's messages."""
        if provider in self._own:
            return self._own[provider]
        try:
            fields = self.accounts.get(provider, TEMPLATE_LOGIN).raw
        except ControlError as exc:
            if exc.status != 404:
                raise
            fields = FALLBACK_FIELDS
        secret = uuid.uuid4().hex
        fields = {name: value for name, value in fields.items()
                  if name not in ("provider", "login")}
        self.accounts.put(provider, self.login, **{
            **fields, "password": secret, "api_key": secret, "api_keys": [secret]})
        self.scope["login"] = self.login
        credentials = self._own[provider] = Credentials(provider, self.login, secret, secret)
        return credentials

    def _own_reply_target(self, phone: str) -> dict[str, str]:
        """Nothing sent to `phone` yet: the answer goes to the test's one account; with several,
        the test names the provider."""
        found = super()._own_reply_target(phone)
        if found or not self._own:
            return found
        if len(self._own) > 1:
            raise AssertionError(f"nothing was sent to {phone} from this test's accounts "
                                 f"({sorted(self._own)}): name the provider= to answer")
        (credentials,) = self._own.values()
        return {"provider": credentials.provider, "login": credentials.login}
