"""Who is calling: SMSC's credentials on every path."""

from __future__ import annotations

from aiohttp import web

from ...core.accounts import AuthResult, Credential
from ...core.state import MockState
from ..http import client_address

PROVIDER = "smsc"


def authenticate(state: MockState, request: web.Request, params: dict[str, str]) -> AuthResult:
    """`apikey` stands in for login + psw; so does `psw` with an empty `login` (the official
    libraries' convention)."""
    address = client_address(request)
    login, psw, key = params.get("login", ""), params.get("psw", ""), params.get("apikey", "")
    if key or (not login and psw):
        return state.auth.by_account_key(PROVIDER, key or psw, address)
    return state.auth.authenticate(PROVIDER, login, psw, address, Credential.PASSWORD_OR_MD5)
