"""The OpenAPI 3.1 description of the control plane, served at /__admin/openapi.json.

Tests validate every control-plane reply against these schemas, so the document and the
implementation cannot drift apart silently. Request bodies are the schemas of
`mockserver.schemas`, the same the control plane and the fixtures loader check against."""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..schemas import CHANNEL, DOCUMENTS, NEW_FAULT, NEW_RULE, PROVIDER, STATUS


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


STRING, INTEGER, BOOLEAN = ({"type": t} for t in ("string", "integer", "boolean"))
INSTANT = {"type": "string", "description": "ISO 8601 UTC, e.g. 2026-01-01T00:00:00Z"}
DECIMAL = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$", "description": "a decimal amount"}
# A journal entry's provider: null for a request to a path no provider has (unmatched).
UNMATCHED_OR_PROVIDER = {**_nullable(PROVIDER), "description":
                         "null: no provider has the path (listed by ?unmatched=1)"}


def _object(properties: dict[str, Any], required: list[str] | None = None,
            extra: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "additionalProperties": extra}
    if required:
        schema["required"] = required
    return schema


def _list_of(plural: str, item: str) -> dict[str, Any]:
    return _object({plural: {"type": "array", "items": _ref(item)}}, [plural])


SCHEMAS: dict[str, Any] = {
    "Error": _object({"error": _object({"code": STRING, "message": STRING}, ["code", "message"])},
                     ["error"]),
    "Health": _object({"status": {"const": "ok"}, "version": STRING,
                       "seed": {"type": "integer", "description": "the random seed in use"}},
                      ["status", "version"]),
    "Ok": _object({"status": {"const": "ok"}}, ["status"]),
    "Account": _object({
        "provider": PROVIDER, "login": STRING, "password": STRING, "api_key": STRING,
        "api_keys": {"type": "array", "items": STRING, "maxItems": 5},
        "balance": DECIMAL, "credit": DECIMAL,
        "allowed_ips": {"type": "array", "items": STRING},
        "senders": {"type": "object", "additionalProperties": {"type": "array", "items": STRING}},
        "sender_ids": {"type": "array", "items": _object(
            {"id": INTEGER, "sender": STRING, "status": STRING, "comment": STRING},
            ["id", "sender"], extra=True)},
        "banned_senders": {"type": "array", "items": STRING},
        "blacklist": {"type": "array", "items": STRING},
        "routes": {"type": "array", "items": STRING},
        "rates": _nullable({"type": "object", "additionalProperties": {
            "type": "object", "additionalProperties": {
                "type": "object", "additionalProperties": STRING}}}),
        "callback_url": STRING, "callback_method": {"enum": ["GET", "POST"]},
        "vk_enabled": BOOLEAN, "currency": STRING, "timezone": STRING,
        "test_mode": BOOLEAN,
    }, ["provider", "login"], extra=True),
    "StatusChange": _object({"status": STATUS, "at": INSTANT}, ["status", "at"]),
    "ChannelAttempt": _object({
        "channel": CHANNEL, "order": INTEGER, "sender": STRING, "text": STRING,
        "button_text": STRING, "button_url": STRING, "image_url": STRING,
        "template_id": STRING, "template_data": _nullable({"type": "object"}),
        "ttl_s": _nullable(INTEGER), "parts": INTEGER, "cost": _nullable(DECIMAL),
        "provider_id": STRING, "status": _nullable(STATUS),
        "history": {"type": "array", "items": _ref("StatusChange")},
    }, ["channel", "order", "text", "parts", "status", "history"]),
    "Message": _object({
        "id": STRING, "provider": PROVIDER, "login": STRING, "phone": STRING,
        "country": STRING, "mcc": STRING, "mnc": STRING,
        "provider_ids": {"type": "object", "additionalProperties": STRING},
        "client_id": STRING, "name_delivery": STRING, "created_at": INSTANT,
        "scheduled_at": _nullable(INSTANT), "status": STATUS, "cost": DECIMAL,
        "finale_read": BOOLEAN, "virtual": BOOLEAN, "meta": {"type": "object"},
        "channels": {"type": "array", "items": _ref("ChannelAttempt")},
        "codes": {"type": "array", "items": STRING,
                  "description": "one-time codes in the texts, as typed: code-word ones first"},
    }, ["id", "provider", "login", "phone", "provider_ids", "created_at", "status",
        "channels", "codes"]),
    "WaitTimeout": _object({
        "error": _object({"code": STRING, "message": STRING}, ["code", "message"]),
        "candidates": {"type": "array", "items": _ref("Message"),
                       "description": "the newest messages there were instead (in the "
                                      "provider and login asked, after `after`)"},
    }, ["error", "candidates"]),
    # A rule or fault as listed: what was posted (the same schema), with its id and counts.
    "Rule": _object({"id": INTEGER, **NEW_RULE["properties"]},
                    ["id", "match", "outcome", "after_s"]),
    "Clock": _object({"now": INSTANT, "mode": {"enum": ["real", "frozen"]}}, ["now", "mode"]),
    "Fault": _object({"id": INTEGER, **NEW_FAULT["properties"], "fired": INTEGER},
                     ["id", "kind", "match", "delay_ms", "status", "probability", "times",
                      "fired"]),
    "Violation": _object({
        "request_id": INTEGER, "provider": UNMATCHED_OR_PROVIDER, "login": STRING,
        "path": STRING, "rule": STRING, "field": STRING, "message": STRING, "at": INSTANT,
    }, ["request_id", "provider", "path", "rule", "field", "message", "at"]),
    "JournalEntry": _object({
        "id": INTEGER, "at": INSTANT, "provider": UNMATCHED_OR_PROVIDER, "login": STRING,
        "method": STRING, "path": STRING,
        "query": STRING, "body": STRING, "remote": STRING, "status": INTEGER, "reply": STRING,
        "violations": {"type": "array", "items": _ref("Violation")},
    }, ["id", "at", "provider", "method", "path", "status", "violations"]),
    "Webhook": _object({
        "id": INTEGER, "message_id": STRING, "provider": PROVIDER, "url": STRING,
        "method": {"enum": ["GET", "POST"]},
        "params": {"type": "object", "additionalProperties": STRING},
        "created_at": INSTANT,
        "state": {"enum": ["pending", "delivered", "retrying", "given_up", "dropped"]},
        "attempts": {"type": "array", "items": _object(
            {"at": INSTANT, "status": _nullable(INTEGER), "error": STRING},
            ["at", "status", "error"])},
    }, ["id", "message_id", "url", "method", "params", "state", "attempts"]),
    "Inbound": _object({
        "id": INTEGER, "provider": PROVIDER, "login": STRING, "phone": STRING, "to": STRING,
        "text": STRING, "received_at": INSTANT, "reply_to": STRING,
    }, ["id", "provider", "login", "phone", "to", "text", "received_at", "reply_to"]),
    "ScenarioInfo": _object({"name": STRING, "description": STRING}, ["name", "description"]),
}
# What users send: the very schemas the control plane and the fixtures loader check against.
SCHEMAS.update(DOCUMENTS)
SCHEMAS["ScenarioBody"] = {"anyOf": [_ref("Scenario"), _ref("ShippedScenario")],
                           "description": "a scenario document, or the name of a shipped one"}
SCHEMAS["Accounts"] = _list_of("accounts", "Account")
SCHEMAS["Messages"] = _list_of("messages", "Message")
SCHEMAS["Messages"]["properties"]["next"] = _nullable({**STRING, "description": (
    "order=desc only: the id to pass as `before` for the next page; null on the last page")})
SCHEMAS["MessageFound"] = _object({"message": _ref("Message")}, ["message"])
SCHEMAS["Rules"] = _list_of("rules", "Rule")
SCHEMAS["Faults"] = _list_of("faults", "Fault")
SCHEMAS["Requests"] = _list_of("requests", "JournalEntry")
SCHEMAS["Violations"] = _list_of("violations", "Violation")
SCHEMAS["Webhooks"] = _list_of("webhooks", "Webhook")
# The inbox's view of a message: the Message, the request that created it and its violations.
SCHEMAS["InboxMessage"] = {**SCHEMAS["Message"], "properties": {
    **SCHEMAS["Message"]["properties"], "request_id": _nullable(INTEGER),
    "violations": {"type": "array", "items": _ref("Violation")},
    "matches": BOOLEAN, "files": {"type": "array", "items": _ref("InboxFile")}}}
# A file uploaded with the message (an MMS, an e-mail), as meta.files keeps it, and where to get it.
SCHEMAS["InboxFile"] = _object({
    "field": STRING, "filename": STRING, "content_type": STRING, "size": INTEGER,
    "truncated": BOOLEAN, "url": {**STRING, "description": "GET: the file's bytes"},
    "inline": {**BOOLEAN, "description": "a plain image, served as itself; anything else "
               "is served as application/octet-stream, as a download"}},
    ["filename", "content_type", "size", "url", "inline"])
SCHEMAS["InboxPage"] = _object({
    "messages": {"type": "array", "items": _ref("InboxMessage")}, "next": _nullable(STRING),
    "inbound": {"type": "array", "items": _ref("Inbound"), "description": (
        "with a `phone` filter: that phone's answers; with order=desc, those in the time "
        "the page spans (from its oldest message, or all older on the last page, up to "
        "the `before` message)")}},
    ["messages", "next", "inbound"])
SCHEMAS["InboxDetail"] = _object({
    "message": _ref("InboxMessage"),
    "request": _nullable({**SCHEMAS["JournalEntry"], "properties": {
        **SCHEMAS["JournalEntry"]["properties"], "charset": STRING,
        "params": {"type": "array", "items": {"type": "array", "items": STRING}}}}),
    "webhooks": {"type": "array", "items": _ref("Webhook")},
}, ["message", "request", "webhooks"])
SCHEMAS["Inbounds"] = _list_of("inbound", "Inbound")
SCHEMAS["Scenarios"] = _list_of("scenarios", "ScenarioInfo")


def _json(schema: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": _ref(schema)}}}


def _op(summary: str, ok: str | None, status: str = "200", body: str | None = None,
        errors: tuple[str, ...] = (), params: list[dict[str, Any]] | None = None,
        also: tuple[str, ...] = ()) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for code in (status, *also):
        if ok is None:
            responses[code] = {"description": "done, no body"}
        else:
            responses[code] = {"description": "ok", **_json(ok)}
    for code in errors:
        responses[code] = {"description": "error", **_json("Error")}
    operation: dict[str, Any] = {"summary": summary, "responses": responses}
    if body:
        operation["requestBody"] = {"required": True, **_json(body)}
    if params:
        operation["parameters"] = params
    return operation


def _query(*names: str) -> list[dict[str, Any]]:
    return [{"name": n, "in": "query", "required": False,
             "schema": _QUERY_SCHEMAS.get(n, STRING)} for n in names]


_QUERY_SCHEMAS = {"limit": {"type": "integer", "minimum": 0},
                  "order": {"type": "string", "enum": ["asc", "desc"]}}


def _path(*names: str) -> list[dict[str, Any]]:
    return [{"name": n, "in": "path", "required": True, "schema": STRING} for n in names]


def _answering(operation: dict[str, Any], status: str, description: str, schema: str
               ) -> dict[str, Any]:
    operation["responses"][status] = {"description": description, **_json(schema)}
    return operation


PATHS: dict[str, Any] = {
    "/__admin/health": {"get": _op("Is the mock up", "Health")},
    "/__admin/reset": {"post": {
        **_op("Back to the state loaded at start; with a body, one account only (its messages, "
              "journal and balance)", "Ok", errors=("400", "404")),
        "requestBody": {"required": False, **_json("ResetScope")}}},
    "/__admin/scenario": {"post": _op("Load a scenario on top of the current state", "Ok",
                                      body="ScenarioBody", errors=("400", "409"))},
    "/__admin/accounts": {"get": _op("All accounts", "Accounts")},
    "/__admin/accounts/{provider}/{login}": {
        "parameters": _path("provider", "login"),
        "get": _op("One account", "Account", errors=("404",)),
        "put": _op("Create (201) or replace (200) an account", "Account", body="AccountFields",
                   errors=("400", "404"), also=("201",)),
        "patch": _op("Change some fields", "Account", body="AccountFields",
                     errors=("400", "404")),
        "delete": _op("Remove an account", None, status="204", errors=("404",)),
    },
    "/__admin/messages": {
        "get": _op("Messages, oldest first (order=desc: newest first, paged by before=<id>)",
                   "Messages", errors=("400",), params=_query(
                       "provider", "login", "phone", "phone_prefix", "text", "channel",
                       "status", "provider_id", "order", "before", "limit")),
        "delete": _op("Forget all messages", None, status="204"),
    },
    "/__admin/messages/wait": {"get": _answering(_op(
        "Wait until a message matches (with status: until one reaches it)", "MessageFound",
        errors=("400",), params=[
            *_query("provider", "login", "phone", "phone_prefix", "text", "channel", "status",
                    "provider_id"),
            {"name": "timeout", "in": "query", "required": False, "schema": {
                "type": "number", "minimum": 0, "maximum": 60, "default": 5},
             "description": "seconds of wall-clock time to wait"},
            {"name": "after", "in": "query", "required": False, "schema": STRING,
             "description": "a message id or an ISO 8601 instant: only newer ones count"}]),
        "408", "nothing matched in time", "WaitTimeout")},
    "/__admin/messages/{id}": {"parameters": _path("id"),
                               "get": _op("One message", "Message", errors=("404",))},
    "/__admin/messages/{id}/events": {
        "parameters": _path("id"),
        "post": _op("Force a delivery event now", "Message", body="Event",
                    errors=("400", "404", "409")),
    },
    "/__admin/rules": {
        "get": _op("Delivery outcome rules", "Rules"),
        "post": _op("Add a rule (newest wins)", "Rule", status="201", body="NewRule",
                    errors=("400",)),
        "delete": _op("Clear the rules", None, status="204"),
    },
    "/__admin/clock": {
        "get": _op("The mock's clock", "Clock"),
        "post": _op("Advance, set or change mode", "Clock", body="ClockMove",
                    errors=("400", "409")),
    },
    "/__admin/faults": {
        "get": _op("Fault rules", "Faults"),
        "post": _op("Add a fault", "Fault", status="201", body="NewFault", errors=("400",)),
        "delete": _op("Clear the faults", None, status="204"),
    },
    "/__admin/requests": {
        "get": _op("The request journal, oldest first", "Requests",
                   params=_query("provider", "path", "limit", "unmatched")),
        "delete": _op("Clear the journal", None, status="204"),
    },
    "/__admin/requests/export": {"get": {
        "summary": "The journal as a recording: JSON lines, the control-plane calls that changed "
                   "behaviour in their place (see the README)",
        "responses": {"200": {"description": "JSON lines",
                              "content": {"application/x-ndjson": {}}}}}},
    "/__admin/scenarios": {"get": _op("The scenarios that ship, with descriptions",
                                      "Scenarios")},
    "/__admin/violations": {"get": _op("Contract violations found in requests", "Violations")},
    "/__admin/webhooks": {
        "get": _op("Delivery-report pushes and their attempts", "Webhooks"),
        "delete": _op("Clear the webhook log", None, status="204"),
    },
    "/__admin/inbound": {
        "get": _op("What recipients answered, oldest first", "Inbounds",
                   params=_query("provider", "login", "phone")),
        "post": _op("A recipient answers (optionally to a message)", "Inbound", status="201",
                    body="InboundNew", errors=("400", "404")),
        "delete": _op("Forget the answers", None, status="204"),
    },
    "/__admin/openapi.json": {"get": {"summary": "This document",
                                      "responses": {"200": {"description": "OpenAPI 3.1"}}}},
    "/__admin/inbox": {"get": {"summary": "The web inbox (HTML)",
                               "responses": {"200": {"description": "an HTML page"}}}},
    "/__admin/inbox/static/{name}": {
        "parameters": _path("name"),
        "get": {"summary": "The inbox's script and style sheet",
                "responses": {"200": {"description": "JavaScript or CSS"}}}},
    "/__admin/inbox/messages": {
        "get": _op("GET /__admin/messages?order=desc, each message with its violations",
                   "InboxPage", errors=("400",), params=_query(
                       "provider", "login", "phone", "phone_prefix", "text", "channel",
                       "status", "provider_id", "order", "before", "limit"))},
    "/__admin/inbox/messages/{id}": {
        "parameters": _path("id"),
        "get": _op("One message with its request and reply decoded and its delivery reports",
                   "InboxDetail", errors=("404",))},
    "/__admin/inbox/messages/{id}/files/{index}": {
        "parameters": _path("id", "index"),
        "get": {"summary": "A file uploaded with the message, from its journaled request",
                "responses": {
                    "200": {"description": "the bytes: a plain image as itself, anything else "
                            "as an application/octet-stream download",
                            "content": {"image/*": {}, "application/octet-stream": {}}},
                    "404": {"description": "no such message or file, or its request is no "
                            "longer in the journal", **_json("Error")}}}},
    "/__admin/inbox/events": {"get": {
        "summary": "Server-sent events: message, update (with matches), inbound (an answer, "
                   "as an Inbound), violation, clock, resync; filtered by the same query as "
                   "the messages (provider, login, phone, phone_prefix and text for answers)",
        "responses": {"200": {"description": "text/event-stream"}}}},
}


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "SMS gateway mock: control plane", "version": __version__,
                 "description": "How a test drives the mock: accounts, messages, delivery "
                                "outcomes, the clock, faults, the journal and webhooks."},
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
