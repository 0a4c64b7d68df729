"""The TargetSMS-family platform's HTTP API: each handler reads its wire into the platform's
fields, lets the core send or look up, and answers in its wire's words.

    GET  /sendmessage.php            send (phone=...) or status (id_message=...), plain text
    POST /sendmessagejson.php        send ("message") or state ("state"), JSON
    POST /xml/message.php            send, XML
    POST /xml/state_message.php      state, XML

Errors are answered with HTTP 200 and the error in the body, as the platform does. A refused
request raises `Refused` wherever it is found; `render_refusal` answers it in the path's wire.
"""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from ...core.accounts import NAMED_ACCOUNT, Account
from ...core.state import MockState
from ...edge import STATE, ProviderEdge
from ..http import (
    BadRequestBody,
    Warn,
    client_address,
    note_violation,
    param_of,
    provider_routes,
    read_body,
    warner,
)
from . import get_api, json_api, xml_api
from .commands import build_send, identical_request
from .errors import Refused, TargetError
from .fields import DocumentRequest, MessageFields
from .replies import PROVIDER, MessageReply, find_message, run_send, state_row

PATH_GET = "/sendmessage.php"
PATH_JSON = "/sendmessagejson.php"
PATH_XML_SEND = "/xml/message.php"
PATH_XML_STATE = "/xml/state_message.php"
# The wire each path answers in, errors included.
WIRES = {PATH_GET: get_api, PATH_JSON: json_api, PATH_XML_SEND: xml_api,
         PATH_XML_STATE: xml_api}


def _authenticate(state: MockState, request: web.Request, login: str, password: str,
                  wrong_login: TargetError = TargetError.WRONG_LOGIN) -> Account:
    # Looked up directly rather than through the core's Authenticator: the platform documents
    # no lock-out after failed logins, so failures here must not count towards one.
    account = state.accounts.get(PROVIDER, login) if login else None
    NAMED_ACCOUNT.set(account)  # the journal files the request under it
    if (account is None or not account.accepts_password(password)
            or not account.allows_ip(client_address(request))):
        raise Refused(wrong_login)
    return account


def _send_message(state: MockState, fields: MessageFields, account: Account, warn: Warn
                  ) -> MessageReply:
    """One message of a document: refused alone, without the others."""
    try:
        plan = build_send(fields, account, warn)
    except Refused as refused:
        return MessageReply(error=refused.error)
    return MessageReply(run_send(plan, state.sending, state.messages))


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
    account = _authenticate(state, request, params.get("login", ""), params.get("password", ""),
                            TargetError.WRONG_LOGIN_GET)
    if "id_message" in params:
        row = _state_rows(state, request, account, [params["id_message"].strip()])[0]
        return get_api.status_reply(row.state)
    warn = warner(request)
    fields = get_api.message_fields(params, warn)
    # Any send counts towards the one-minute rule, whatever becomes of it.
    if state.repeats.check_and_remember(identical_request(account, fields)):
        warn("repeated_request", "",
             "the same request (account, phones and each channel's text) was sent less than a "
             "minute ago; identical requests may be sent at most once a minute")
        raise Refused(TargetError.REPEATED_REQUEST)
    plan = build_send(fields, account, warn)
    return get_api.send_reply(run_send(plan, state.sending, state.messages))


# --- JSON and XML documents -----------------------------------------------------------------
Parse = Callable[[web.Request, bytes], DocumentRequest]


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
            raise Refused(bad_document) from exc
        document = parse(request, body)
        account = _authenticate(state, request, document.login, document.password)
        if document.phone_count + len(document.state_ids or ()) > state.limits.max_recipients:
            note_violation(request, "too_many_numbers", "",
                           f"the mock takes at most {state.limits.max_recipients} numbers "
                           "and IDs in one document")
            raise Refused(bad_document)
        # An empty list is as good as none: there is nothing to send or look up.
        if sends and document.messages:
            warn = warner(request)
            return wire.send_reply([_send_message(state, fields, account, warn)
                                    for fields in document.messages])
        if looks_up and document.state_ids:
            return wire.state_reply(_state_rows(state, request, account, document.state_ids))
        raise Refused(TargetError.NO_POST_DATA)
    return handler


def _parse_json(request: web.Request, body: bytes) -> DocumentRequest:
    return json_api.parse(body)


def _parse_xml(request: web.Request, body: bytes) -> DocumentRequest:
    return xml_api.parse(body, request.app[STATE].limits.max_body_bytes, warner(request))


sendmessagejson = _document_handler(_parse_json, json_api, TargetError.BAD_JSON,
                                    sends=True, looks_up=True)
xml_message = _document_handler(_parse_xml, xml_api, TargetError.BAD_XML,
                                sends=True, looks_up=False)
xml_state_message = _document_handler(_parse_xml, xml_api, TargetError.BAD_XML,
                                      sends=False, looks_up=True)


def render_refusal(request: web.Request, refused: Refused) -> web.Response:
    return WIRES.get(request.path, get_api).error(refused.error)


def internal_error(request: web.Request) -> web.Response:
    return render_refusal(request, Refused(TargetError.INTERNAL))


async def login_of(request: web.Request) -> str:
    """The login of a GET query or form, a JSON document or an XML <security><login>."""
    if request.path == PATH_GET:
        return await param_of(request, "login")
    try:
        body = await read_body(request)
    except BadRequestBody:
        return ""
    parse = _parse_json if request.path == PATH_JSON else _quiet_xml
    try:
        return parse(request, body).login
    except Refused:
        return ""


def _quiet_xml(request: web.Request, body: bytes) -> DocumentRequest:
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
    # The platform documents no delivery-report pushes: report is None.
    return ProviderEdge(PROVIDER, provider_routes(PATHS, Refused, render_refusal), report=None,
                        internal_error=internal_error, login=login_of)
