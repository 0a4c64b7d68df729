"""The control plane under /__admin/: state, accounts, messages, rules, clock, faults, journal."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from typing import Any

from aiohttp import web

from .. import __version__
from ..config import FixtureError, parse, scenario_document
from ..core.accounts import Account, Provider, apply_fields
from ..core.clock import ClockBackwards, ClockMode, ClockOutOfRange, format_instant, parse_instant
from ..core.delivery import EventRefused
from ..core.messages import Message, Status
from ..core.state import MockState
from ..edge import EDGES, STATE, check_callback
from ..schemas import MAX_DEPTH, DocumentError, show, validate
from .openapi import document as openapi_document
from .recording import setup_recording
from .views import journal_view, message_view

PREFIX = "/__admin"
routes = web.RouteTableDef()


class AdminError(web.HTTPException):
    """A 4xx with the control plane's error body."""

    def __init__(self, status: int, code: str, message: str) -> None:
        self.status_code = status
        super().__init__(
            text=json.dumps({"error": {"code": code, "message": message}}),
            content_type="application/json",
        )


def ok(document: Any, status: int = 200) -> web.Response:
    return web.json_response(document, status=status)


def state_of(request: web.Request) -> MockState:
    return request.app[STATE]


async def read_document(request: web.Request, kind: str, code: str) -> dict[str, Any]:
    """The JSON body, checked against the schema `kind` that the OpenAPI document publishes;
    a refusal is a 400 `code` naming the call, the key and the bad value."""
    call = f"{request.method} {request.path}"
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise AdminError(413, "body_too_large", f"{call}: the body is larger than the mock "
                         "accepts") from None
    try:
        document = json.loads(raw or b"{}")
    except RecursionError:
        raise AdminError(400, code, f"{call}: the body is nested deeper than {MAX_DEPTH} "
                         "levels") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise AdminError(400, "invalid_json", f"{call}: the body is not valid JSON: {exc}"
                         ) from exc
    try:
        return validate(kind, document)
    except DocumentError as exc:
        raise AdminError(400, code, f"{call}: {exc}") from exc


# --- state -----------------------------------------------------------------------------------
@routes.get(PREFIX + "/health")
async def health(request: web.Request) -> web.Response:
    # The seed in use, so that a run with weighted outcomes or fault rates can be repeated.
    return ok({"status": "ok", "version": __version__, "seed": state_of(request).seed})


@routes.post(PREFIX + "/reset")
async def reset(request: web.Request) -> web.Response:
    scope = await read_document(request, "ResetScope", "invalid_reset")
    if not scope:
        state_of(request).reset()
        return ok({"status": "ok"})
    provider, login = scope["provider"], scope["login"]
    if not state_of(request).reset_account(provider, login):
        raise AdminError(404, "account_not_found", f"no {provider} account {login!r}")
    return ok({"status": "ok"})


@routes.post(PREFIX + "/scenario")
async def scenario(request: web.Request) -> web.Response:
    raw = await request.read()
    call = f"{request.method} {request.path}"
    try:
        if request.content_type in ("application/toml", "text/x-toml", "text/toml"):
            document = tomllib.loads(raw.decode("utf-8"))
        else:
            document = json.loads(raw or b"{}")
        if isinstance(document, dict) and set(document) == {"name"}:  # a shipped scenario
            document = scenario_document(validate("ShippedScenario", document)["name"])
        state_of(request).load_scenario(parse(document))
    except RecursionError:
        raise AdminError(400, "invalid_scenario", f"{call}: the body is nested deeper than "
                         f"{MAX_DEPTH} levels") from None
    except (FixtureError, DocumentError, ValueError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise AdminError(400, "invalid_scenario", f"{call}: {exc}") from exc
    except ClockBackwards as exc:
        raise AdminError(409, "clock_backwards", str(exc)) from exc
    return ok({"status": "ok"})


# --- accounts --------------------------------------------------------------------------------
def _provider(request: web.Request) -> str:
    provider = request.match_info["provider"]
    if provider not in {p.value for p in Provider}:
        raise AdminError(404, "unknown_provider",
                         f"provider is one of {[p.value for p in Provider]}")
    return provider


def _account(request: web.Request) -> Account:
    provider, login = _provider(request), request.match_info["login"]
    account = state_of(request).accounts.get(provider, login)
    if account is None:
        raise AdminError(404, "account_not_found", f"no {provider} account {login!r}")
    return account


@routes.get(PREFIX + "/accounts")
async def list_accounts(request: web.Request) -> web.Response:
    return ok({"accounts": [account.to_mapping() for account in state_of(request).accounts]})


@routes.put(PREFIX + "/accounts/{provider}/{login}")
async def put_account(request: web.Request) -> web.Response:
    provider, login = _provider(request), request.match_info["login"]
    try:
        account = Account.from_mapping(
            provider, login, await read_document(request, "AccountFields", "invalid_account"))
        check_callback(request.app[EDGES].get(provider), account.callback_url)
    except ValueError as exc:
        raise AdminError(400, "invalid_account", f"{request.method} {request.path}: {exc}"
                         ) from exc
    state = state_of(request)
    created = state.accounts.get(provider, login) is None
    state.accounts.put(account)
    return ok(account.to_mapping(), status=201 if created else 200)


@routes.get(PREFIX + "/accounts/{provider}/{login}")
async def get_account(request: web.Request) -> web.Response:
    return ok(_account(request).to_mapping())


@routes.patch(PREFIX + "/accounts/{provider}/{login}")
async def patch_account(request: web.Request) -> web.Response:
    account = _account(request)
    changes = await read_document(request, "AccountFields", "invalid_account")
    trial = Account.from_mapping(account.provider, account.login, account.to_mapping())
    try:
        apply_fields(trial, changes)  # all or nothing: a bad field changes no other
        check_callback(request.app[EDGES].get(trial.provider), trial.callback_url)
    except ValueError as exc:
        raise AdminError(400, "invalid_account", f"{request.method} {request.path}: {exc}"
                         ) from exc
    apply_fields(account, changes)
    return ok(account.to_mapping())


@routes.delete(PREFIX + "/accounts/{provider}/{login}")
async def delete_account(request: web.Request) -> web.Response:
    account = _account(request)
    state_of(request).accounts.remove(account.provider, account.login)
    return web.Response(status=204)


# --- messages --------------------------------------------------------------------------------
PAGE_ORDERS = ("asc", "desc")


def _candidates(state: MockState, query, newest_first: bool = False) -> Iterable[Message]:
    """Where the filters can be looked up in an index, the index's messages; else the store."""
    candidates: Iterable[Message]
    if query.get("provider_id"):
        candidates = state.messages.by_provider_id(query["provider_id"])
    elif query.get("phone"):
        candidates = state.messages.by_phone(query["phone"].lstrip("+"))
    else:
        candidates = state.messages
    return reversed(candidates) if newest_first else candidates  # type: ignore[call-overload]


def _matching(state: MockState, query, candidates: Iterable[Message] | None = None
              ) -> Iterable[Message]:
    """The messages `query`'s filters select, from the store (or from `candidates`, in their
    order). The one filter of the control plane and the inbox's live feed."""
    if candidates is None:
        candidates = _candidates(state, query)
    prefix = query.get("phone_prefix", "").lstrip("+")
    text = query.get("text", "").casefold()
    for message in candidates:
        if query.get("provider") and message.provider != query["provider"]:
            continue
        if query.get("login") and message.login != query["login"]:
            continue
        if query.get("phone") and message.phone != query["phone"].lstrip("+"):
            continue
        if prefix and not message.phone.startswith(prefix):
            continue
        if query.get("status") and message.status != query["status"]:
            continue
        if query.get("channel") and message.attempt(query["channel"]) is None:
            continue
        if text and not any(text in attempt.text.casefold() for attempt in message.channels):
            continue
        yield message


def _whole_number(query, name: str) -> int | None:
    if not query.get(name):
        return None
    try:
        value = int(query[name])
    except ValueError:
        raise AdminError(400, f"invalid_{name}", f"{name} must be a whole number") from None
    if value < 0:
        raise AdminError(400, f"invalid_{name}", f"{name} must be >= 0")
    return value


def message_page(state: MockState, query) -> tuple[list[Message], str | None]:
    """Matching messages, oldest first or (`order=desc`) newest first; `limit` cuts the page and
    `before=<id>` continues after the page that ended with that id. Gives the page and, for a
    newest-first page that was cut, the id to pass as `before` for the next one."""
    limit = _whole_number(query, "limit")
    order = query.get("order", "asc")
    if order not in PAGE_ORDERS:
        raise AdminError(400, "invalid_order", f"order is one of {list(PAGE_ORDERS)}")
    before = query.get("before")
    if before and state.messages.get(before) is None:
        raise AdminError(400, "invalid_before", f"before names no stored message: {before!r}")
    candidates = _candidates(state, query, newest_first=order == "desc")
    if before:
        candidates = _after_cursor(candidates, before, newest_first=order == "desc")
    found: list[Message] = []
    for message in _matching(state, query, candidates):
        if limit is not None and len(found) >= limit:
            return found, found[-1].id if found else None
        found.append(message)
    return found, None


@routes.get(PREFIX + "/messages")
async def list_messages(request: web.Request) -> web.Response:
    found, following = message_page(state_of(request), request.query)
    page: dict[str, Any] = {"messages": [message_view(message) for message in found]}
    if request.query.get("order") == "desc":
        page["next"] = following
    return ok(page)


def _after_cursor(messages: Iterable[Message], cursor: str, newest_first: bool
                  ) -> Iterable[Message]:
    """Newest first: the messages older than `cursor`; oldest first: those up to it."""
    passed = False
    for message in messages:
        if message.id == cursor:
            if not newest_first:
                return
            passed = True
            continue
        if passed or not newest_first:
            yield message


def _message(request: web.Request) -> Message:
    message = state_of(request).messages.get(request.match_info["id"])
    if message is None:
        raise AdminError(404, "message_not_found", f"no message {request.match_info['id']!r}")
    return message


@routes.get(PREFIX + "/messages/{id}")
async def get_message(request: web.Request) -> web.Response:
    return ok(message_view(_message(request)))


@routes.post(PREFIX + "/messages/{id}/events")
async def force_event(request: web.Request) -> web.Response:
    message = _message(request)
    body = await read_document(request, "Event", "invalid_event")
    channel, status = body["channel"], Status(body["status"])
    try:
        state_of(request).simulator.force(message, channel, status)
    except EventRefused as exc:
        raise AdminError(409, "event_refused", str(exc)) from exc
    return ok(message_view(message))


@routes.delete(PREFIX + "/messages")
async def clear_messages(request: web.Request) -> web.Response:
    state_of(request).messages.clear()
    return web.Response(status=204)


# --- rules and faults: lists of rules a test adds and clears ---------------------------------
def _rule_list(plural: str, book_of, kind: str, invalid_code: str) -> None:
    """GET lists, POST adds (201), DELETE clears the rules in `book_of(state)`."""
    async def list_all(request: web.Request) -> web.Response:
        book = book_of(state_of(request))
        return ok({plural: [rule.to_mapping() for rule in book.rules]})

    async def add(request: web.Request) -> web.Response:
        try:
            rule = book_of(state_of(request)).add_rule(
                await read_document(request, kind, invalid_code))
        except ValueError as exc:
            raise AdminError(400, invalid_code, f"{request.method} {request.path}: {exc}"
                             ) from exc
        return ok(rule.to_mapping(), status=201)

    async def clear(request: web.Request) -> web.Response:
        book_of(state_of(request)).clear()
        return web.Response(status=204)

    path = f"{PREFIX}/{plural}"
    routes.get(path)(list_all)
    routes.post(path)(add)
    routes.delete(path)(clear)


_rule_list("rules", lambda state: state.planner, "NewRule", "invalid_rule")
_rule_list("faults", lambda state: state.faults, "NewFault", "invalid_fault")


# --- clock -----------------------------------------------------------------------------------
def _clock_view(state: MockState) -> dict[str, Any]:
    return {"now": format_instant(state.clock.now()), "mode": str(state.clock.mode)}


@routes.get(PREFIX + "/clock")
async def get_clock(request: web.Request) -> web.Response:
    return ok(_clock_view(state_of(request)))


@routes.post(PREFIX + "/clock")
async def move_clock(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await read_document(request, "ClockMove", "invalid_clock")
    call = f"{request.method} {request.path}"
    if "advance" in body and "set" in body:
        raise AdminError(400, "invalid_clock", f"{call}: give either advance or set, not both")
    try:
        instant = parse_instant(body["set"]) if "set" in body else None
    except ValueError as exc:
        raise AdminError(400, "invalid_clock", f"{call}: set: {show(body['set'])}: {exc}"
                         ) from exc
    key = "advance" if "advance" in body else "set"
    try:
        # The move first, so that a refused one leaves the mode as it was too; the mode does
        # not change which instant "now" is, so the order makes no other difference.
        if "advance" in body:
            state.scheduler.advance(body["advance"])
        elif instant is not None:
            state.scheduler.set(instant)
        if "mode" in body:
            state.clock.set_mode(ClockMode(body["mode"]))
    except ClockBackwards as exc:
        raise AdminError(409, "clock_backwards", f"{call}: {exc}") from exc
    except ClockOutOfRange as exc:
        raise AdminError(400, "invalid_clock", f"{call}: {key}: {show(body[key])}: {exc}"
                         ) from exc
    return ok(_clock_view(state))


# --- journal, violations, webhooks -----------------------------------------------------------
@routes.get(PREFIX + "/requests")
async def list_requests(request: web.Request) -> web.Response:
    query = request.query
    unmatched_only = query.get("unmatched", "") in ("1", "true")  # paths no provider has
    entries = [
        entry for entry in state_of(request).journal
        if (not query.get("provider") or entry.provider == query["provider"])
        and (not query.get("path") or entry.path == query["path"])
        and (not unmatched_only or entry.provider is None)
    ]
    if query.get("limit", "").isdigit():
        entries = entries[: int(query["limit"])]
    return ok({"requests": [journal_view(entry) for entry in entries]})


@routes.delete(PREFIX + "/requests")
async def clear_requests(request: web.Request) -> web.Response:
    state_of(request).journal.clear()
    return web.Response(status=204)


@routes.get(PREFIX + "/violations")
async def list_violations(request: web.Request) -> web.Response:
    views = []
    for entry in state_of(request).journal:
        views += journal_view(entry)["violations"]
    return ok({"violations": views})


@routes.get(PREFIX + "/webhooks")
async def list_webhooks(request: web.Request) -> web.Response:
    log = state_of(request).callbacks.log
    return ok({"webhooks": [webhook.to_mapping() for webhook in log.values()]})


@routes.delete(PREFIX + "/webhooks")
async def clear_webhooks(request: web.Request) -> web.Response:
    state_of(request).callbacks.clear()
    return web.Response(status=204)


@routes.get(PREFIX + "/openapi.json")
async def openapi(request: web.Request) -> web.Response:
    return ok(openapi_document())


@web.middleware
async def admin_errors(request: web.Request, handler) -> web.StreamResponse:
    """Unknown admin paths and methods answer in the control plane's error shape too."""
    try:
        return await handler(request)
    except AdminError:
        raise
    except web.HTTPNotFound:
        if request.path.startswith(PREFIX):
            raise AdminError(404, "not_found", f"no control-plane endpoint {request.path}"
                             ) from None
        raise
    except web.HTTPMethodNotAllowed as exc:
        if request.path.startswith(PREFIX):
            allowed = sorted(exc.allowed_methods)
            raise AdminError(405, "method_not_allowed",
                             f"{request.method} is not allowed here; use {allowed}") from None
        raise


def setup_admin(app: web.Application) -> None:
    from .wait import wait_routes  # imports this module; first, or /messages/{id} takes "wait"
    app.router.add_routes(wait_routes)
    app.router.add_routes(routes)
    from .inbound import setup_inbound  # here: it imports this module
    setup_inbound(app)
    app.middlewares.append(admin_errors)
    setup_recording(app)
