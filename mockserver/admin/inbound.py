"""/__admin/inbound: a recipient answers. The answer is stored for the provider APIs that list
incoming messages and pushed to the account's notification URL where the provider does so.

    POST /__admin/inbound {"phone": "79001234567", "text": "yes"}
    POST /__admin/inbound {"provider": "smsc", "login": "demo", "phone": "...", "text": "...",
                           "to": "79990001122", "reply_to": "<message id>"}

Without provider and login the answer goes to whoever last wrote to that phone, as a reply to
that message; `reply_to` (the mock's id or a provider's id) names the message explicitly."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from ..core.accounts import Provider
from ..core.messages import Message
from ..core.state import MockState
from .routes import PREFIX, AdminError, ok, read_document, state_of

routes = web.RouteTableDef()


def _digits(body: dict[str, Any], name: str) -> str:
    """A number the schema has checked: its digits, without spaces or the "+"."""
    return body.get(name, "").strip().removeprefix("+")


def _answered(state: MockState, reply_to: str, phone: str) -> Message | None:
    if reply_to:
        found = state.messages.get(reply_to)
        if found is None:
            matches = [m for m in state.messages.by_provider_id(reply_to) if m.phone == phone]
            found = matches[-1] if matches else None
        if found is None:
            raise AdminError(404, "message_not_found",
                             f"no message {reply_to!r} to {phone} to reply to")
        return found
    sent = state.messages.by_phone(phone)
    return sent[-1] if sent else None


@routes.post(PREFIX + "/inbound")
async def add_inbound(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await read_document(request, "InboundNew", "invalid_inbound")
    phone, to, text = _digits(body, "phone"), _digits(body, "to"), body["text"]
    if not text.strip():
        raise AdminError(400, "invalid_inbound", f"{request.method} {request.path}: text: "
                         f"{text!r}: an answer says something")
    provider, login = body.get("provider", ""), body.get("login", "").strip()
    answered = _answered(state, body.get("reply_to", "").strip(), phone)
    if not provider and not login and answered is not None:
        provider, login = answered.provider, answered.login
    if provider not in {p.value for p in Provider}:
        raise AdminError(400, "invalid_inbound", "provider is one of "
                         f"{[p.value for p in Provider]} (or name a message to reply to)")
    if state.accounts.get(provider, login) is None:
        raise AdminError(404, "account_not_found", f"no {provider} account {login!r}")
    if answered is not None and (answered.provider, answered.login) != (provider, login):
        answered = None  # the last message to that phone came from another account
    message = state.inbound.add(provider, login, phone, to, text, state.clock.now(),
                                answered.id if answered else "")
    return ok(message.to_mapping(), status=201)


@routes.get(PREFIX + "/inbound")
async def list_inbound(request: web.Request) -> web.Response:
    query = request.query
    found = [m.to_mapping() for m in state_of(request).inbound
             if (not query.get("provider") or m.provider == query["provider"])
             and (not query.get("login") or m.login == query["login"])
             and (not query.get("phone") or m.phone == query["phone"].lstrip("+"))]
    return ok({"inbound": found})


@routes.delete(PREFIX + "/inbound")
async def clear_inbound(request: web.Request) -> web.Response:
    state_of(request).inbound.clear()
    return web.Response(status=204)


def setup_inbound(app: web.Application) -> None:
    app.router.add_routes(routes)
