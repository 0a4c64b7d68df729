"""The TargetSMS-family platform's HTTP API: each handler reads its wire into the platform's
fields, lets the core send or look up, and answers in its wire's words.

    GET  /sendmessage.php            send (phone=...) or status (id_message=...), plain text
    POST /sendmessagejson.php        send ("message") or state ("state"), JSON
    POST /xml/message.php            send, XML
    POST /xml/state_message.php      state, XML

Errors are answered with HTTP 200 and the error in the body, as the platform does.
"""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from ...core.accounts import NAMED_ACCOUNT, Account
from ...core.state import MockState
from ...edge import STATE, ProviderEdge
from ..http import BadRequestBody, client_address, note_violation, param_of, read_body
from . import get_api, json_api, xml_api
from .commands import Warn, build_send
from .errors import TargetError
from .fields import DocumentRequest, MessageFields
from .replies import PROVIDER, find_message, run_send, state_row

PATH_GET = "/sendmessage.php"
PATH_JSON = "/sendmessagejson.php"
PATH_XML_SEND = "/xml/message.php"
PATH_XML_STATE = "/xml/state_message.php"


def _warner(request: web.Request) -> Warn:
    return lambda rule, field, message: note_violation(request, rule, field, message)


def _authenticate(state: MockState, request: web.Request, login: str, password: str
                  ) -> Account | None:
    # Looked up directly rather than through the core's Authenticator: the platform documents
    # no lock-out after failed logins, so failures here must not count towards one.
    account = state.accounts.get(PROVIDER, login) if login else None
    NAMED_ACCOUNT.set(account)  # the journal files the request under it
    if (account is None or not account.accepts_password(password)
            or not account.allows_ip(client_address(request))):
        return None
    return account


def _send_message(state: MockState, fields: MessageFields, account: Account, warn: Warn):
    plan = build_send(fields, account, warn)
    if isinstance(plan, TargetError):
        return plan
    return run_send(plan, state.sending, state.messages)


def _state_rows(state: MockState, request: web.Request, account: Account, ids: list[str]):
    rows = []
    for id_message in ids:
        message = find_message(state.messages, account.login, id_message)
        if message is None:
            note_violation(request, "unknown_message_id", "id_message",
                           f"no message {id_message!r} was sent from this account")
        rows.append(state_row(id_message, message, account.zone))
    return rows


# --- GET ---------------------------------------------------------------------------------------
async def sendmessage(request: web.Request) -> web.Response:
    state = request.app[STATE]
    params = await get_api.read_params(request)
    account = _authenticate(state, request, params.get("login", ""), params.get("password", ""))
    if account is None:
        return get_api.error(TargetError.WRONG_LOGIN_GET)
    if "id_message" in params:
        row = _state_rows(state, request, account, [params["id_message"].strip()])[0]
        return get_api.status_reply(row.state)
    warn = _warner(request)
    plan = build_send(get_api.message_fields(params, warn), account, warn)
    if isinstance(plan, TargetError):
        return get_api.error(plan)
    if state.repeats.check_and_remember(plan.fingerprint()):
        warn("repeated_request", "",
             "the same request (account, numbers and content) was sent less than a minute ago; "
             "identical requests may be sent at most once a minute")
        return get_api.error(TargetError.REPEATED_REQUEST)
    return get_api.send_reply(run_send(plan, state.sending, state.messages))


# --- JSON and XML documents -----------------------------------------------------------------
Parse = Callable[[web.Request, bytes], DocumentRequest | TargetError]


def _document_handler(parse: Parse, wire, bad_document: TargetError, sends: bool,
                      looks_up: bool):
    """A handler for a document wire: read and parse the body, authenticate, then send the
    messages or look up the states it holds."""
    async def handler(request: web.Request) -> web.Response:
        state = request.app[STATE]
        try:
            body = await read_body(request)
        except BadRequestBody as exc:
            note_violation(request, "body_too_large", "", str(exc))
            return wire.error(bad_document)
        document = parse(request, body)
        if isinstance(document, TargetError):
            return wire.error(document)
        account = _authenticate(state, request, document.login, document.password)
        if account is None:
            return wire.error(TargetError.WRONG_LOGIN)
        if document.phone_count + len(document.state_ids or ()) > state.limits.max_recipients:
            note_violation(request, "too_many_numbers", "",
                           f"the mock takes at most {state.limits.max_recipients} numbers "
                           "and IDs in one document")
            return wire.error(bad_document)
        # An empty list is as good as none: there is nothing to send or look up.
        if sends and document.messages:
            warn = _warner(request)
            return wire.send_reply([_send_message(state, fields, account, warn)
                                    for fields in document.messages])
        if looks_up and document.state_ids:
            return wire.state_reply(_state_rows(state, request, account, document.state_ids))
        return wire.error(TargetError.NO_POST_DATA)
    return handler


def _parse_json(request: web.Request, body: bytes) -> DocumentRequest | TargetError:
    return json_api.parse(body)


def _parse_xml(request: web.Request, body: bytes) -> DocumentRequest | TargetError:
    return xml_api.parse(body, request.app[STATE].limits.max_body_bytes, _warner(request))


sendmessagejson = _document_handler(_parse_json, json_api, TargetError.BAD_JSON,
                                    sends=True, looks_up=True)
xml_message = _document_handler(_parse_xml, xml_api, TargetError.BAD_XML,
                                sends=True, looks_up=False)
xml_state_message = _document_handler(_parse_xml, xml_api, TargetError.BAD_XML,
                                      sends=False, looks_up=True)


def internal_error(request: web.Request) -> web.Response:
    if request.path == PATH_JSON:
        return json_api.error(TargetError.INTERNAL)
    if request.path.startswith("/xml/"):
        return xml_api.error(TargetError.INTERNAL)
    return get_api.error(TargetError.INTERNAL)


async def login_of(request: web.Request) -> str:
    """The login of a GET query or form, a JSON document or an XML <security><login>."""
    if request.path == PATH_GET:
        return await param_of(request, "login")
    try:
        body = await read_body(request)
    except BadRequestBody:
        return ""
    parse = _parse_json if request.path == PATH_JSON else _quiet_xml
    document = parse(request, body)
    return "" if isinstance(document, TargetError) else document.login


def _quiet_xml(request: web.Request, body: bytes) -> DocumentRequest | TargetError:
    return xml_api.parse(body, request.app[STATE].limits.max_body_bytes, lambda *_: None)


PATHS = {
    PATH_GET: sendmessage,
    PATH_JSON: sendmessagejson,
    PATH_XML_SEND: xml_message,
    PATH_XML_STATE: xml_state_message,
}


def edge() -> ProviderEdge:
    # Both methods on every path: a GET to a document path reads as an empty body, and a
    # POST to sendmessage.php is read like PHP's $_REQUEST.
    routes = []
    for path, handler in PATHS.items():
        routes += [web.get(path, handler, allow_head=False), web.post(path, handler)]
    # The platform documents no delivery-report pushes.
    return ProviderEdge(PROVIDER, routes, report=None, internal_error=internal_error,
                        login=login_of)
