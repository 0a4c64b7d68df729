"""One JSON Schema per kind of document a user gives the mock, and the check against it.

The control plane validates its bodies here, `config` validates fixtures and scenario files
here, and the OpenAPI document publishes these very schemas: what is documented is what is
enforced. A refusal names the key (a JSON path such as `accounts[0].balance`) and the bad
value. Bounds keep numbers sane for the clock and the scheduler (no negative delays, no
balances of 1e308, no timers centuries away); the core still keeps its own invariants.

jsonschema does the checking: it is the reference implementation of the same 2020-12 dialect
that OpenAPI 3.1 speaks, so the published document and the check cannot disagree."""

from __future__ import annotations

import functools
import json
import math
from dataclasses import fields
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Validator
    from jsonschema.exceptions import ValidationError

from .core.billing import Channel
from .core.inbound import MAX_TEXT_CHARS as MAX_INBOUND_TEXT
from .core.state import Limits

MAX_DEPTH = 32  # nesting a document may have; no real one comes near
MAX_SECONDS = 10 * 366 * 86_400  # the longest delay or window: ten years
MAX_ADVANCE_S = 100 * 366 * 86_400  # the longest single clock move: a century
MAX_COUNT = 1_000_000_000  # the largest count or size a limit may set

PROVIDER = {"type": "string", "enum": ["inteltele", "targetsms", "smsc"]}
CHANNEL = {"type": "string", "enum": [channel.value for channel in Channel]}
STATUS = {"type": "string", "enum": ["queued", "sent", "delivered", "read", "undelivered",
                                     "expired", "rejected", "deleted", "unknown"]}
OUTCOME = {"type": "string", "enum": ["delivered", "read", "undelivered", "expired",
                                      "rejected", "deleted", "unknown", "none"]}
CLOCK_MODE = {"type": "string", "enum": ["real", "frozen"]}
INSTANT_IN = {
    "type": "string",
    "pattern": r"^(19[7-9]\d|[2-8]\d{3})-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d{1,6})?)?)?"
               r"(Z|[+-]\d\d:?\d\d)?$",
    "description": "ISO 8601 between 1970 and 8999, e.g. 2026-01-01T00:00:00Z (no offset: UTC)",
}
# Money in: a decimal string ("10.00"), or a plain number in a TOML file; at most a trillion.
MONEY = {"type": ["string", "number"], "pattern": r"^-?\d{1,12}(\.\d{1,10})?$",
         "minimum": -1e12, "maximum": 1e12,
         "description": 'a decimal amount such as "10.00" (at most 12 digits before the point)'}
PRICE = {**MONEY, "pattern": r"^\d{1,12}(\.\d{1,10})?$", "minimum": 0,
         "description": 'a decimal amount >= 0 such as "0.20"'}
SECONDS = {"type": "number", "minimum": 0, "maximum": MAX_SECONDS,
           "description": "seconds on the mock clock, 0 to ten years"}
NAME = {"type": "string", "maxLength": 256}
NAMES = {"type": "array", "items": NAME, "maxItems": 100_000}
COUNTRY = {"type": "string", "pattern": "^[A-Za-z]{2}$",
           "description": "ISO 3166 alpha-2 country code"}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


RATES = {
    "type": "object", "propertyNames": CHANNEL,
    "description": 'price per part: {"sms": {"ru": {"": "0.20", "01": "0.18"}}}, by channel, '
                   'country, then MNC ("" = any operator)',
    "additionalProperties": {
        # "" for a channel whose recipients have no country (an e-mail)
        "type": "object", "propertyNames": {"anyOf": [COUNTRY, {"const": ""}]},
        "additionalProperties": {
            "type": "object",
            "propertyNames": {"type": "string", "pattern": r"^\d{0,3}$",
                              "description": 'an MNC, or "" for any operator'},
            "additionalProperties": PRICE,
        },
    },
}
OPERATORS = {
    "type": "object", "propertyNames": COUNTRY,
    "description": 'number prefix -> MNC per country: {"ru": {"7910": "01"}}',
    "additionalProperties": {
        "type": "object",
        "propertyNames": {"type": "string", "pattern": r"^\+?\d{1,15}$"},
        "additionalProperties": {"type": "string", "pattern": r"^\d{1,3}$"},
    },
}
SENDER_ID = _object({
    "id": {"type": "integer", "minimum": 1, "maximum": MAX_COUNT},
    "sender": NAME, "status": NAME, "comment": {"type": "string", "maxLength": 4096},
    # SMSC senders.php operators=1: per-operator status codes and substitute names
    "operators": {"type": "object", "propertyNames": {"pattern": "^[a-z_]{1,32}$"},
                  "additionalProperties": {"type": ["string", "integer"]}},
    "substitutes": {"type": "object", "propertyNames": {"pattern": "^[a-z_]{1,32}$"},
                    "additionalProperties": NAME},
}, ["sender"])

ACCOUNT_FIELDS = _object({
    "provider": PROVIDER, "login": NAME,  # ignored in a body (the path names them)
    "password": NAME, "api_key": NAME,
    "api_keys": {**NAMES, "maxItems": 5},
    "balance": MONEY, "credit": PRICE,
    "allowed_ips": {**NAMES, "description": "IP addresses or CIDR ranges; empty = any"},
    "senders": {"type": "object", "propertyNames": CHANNEL, "additionalProperties": NAMES},
    "sender_ids": {"type": "array", "items": SENDER_ID, "maxItems": 10_000},
    "banned_senders": NAMES, "blacklist": NAMES,
    "routes": {"type": "array", "items": COUNTRY, "maxItems": 300},
    "rates": _nullable(RATES),
    "callback_url": {"type": "string", "maxLength": 2048},
    "callback_method": {"type": "string", "enum": ["GET", "POST", "get", "post"]},
    "vk_enabled": {"type": "boolean"},
    "currency": {"type": "string", "pattern": "^[A-Za-z]{3}$"},
    "timezone": {"type": "string", "maxLength": 64, "description": "an IANA time zone name"},
    "test_mode": {"type": "boolean"},
})
FIXTURE_ACCOUNT = {**ACCOUNT_FIELDS, "required": ["provider", "login"],
                   "properties": {**ACCOUNT_FIELDS["properties"],
                                  "login": {**NAME, "minLength": 1}}}

# {"delivered": 0.7, "undelivered": 0.3}: an outcome drawn by weight from the mock's random.
WEIGHTS = {"type": "object", "minProperties": 1, "propertyNames": OUTCOME,
           "additionalProperties": {"type": "number", "minimum": 0, "maximum": MAX_COUNT}}

NEW_RULE = _object({
    "match": _object({"phone": NAME, "phone_prefix": NAME, "provider": PROVIDER,
                      "login": NAME, "channel": CHANNEL}),
    "outcome": {"type": "object", "minProperties": 1,
                "propertyNames": {"enum": [*CHANNEL["enum"], "*"]},
                "additionalProperties": {"anyOf": [OUTCOME, WEIGHTS]},
                "description": 'per channel ("viber", "vk", "sms", ..., or "*" for any): '
                               'an outcome, or weights to draw one from with the seed'},
    "after_s": _nullable(SECONDS),
}, ["outcome"])

NEW_FAULT = _object({
    "kind": {"type": "string", "enum": ["delay", "status", "reset", "timeout", "garbage"]},
    "match": _object({"provider": PROVIDER, "path": NAME, "method": NAME, "login": NAME}),
    "delay_ms": {"type": "integer", "minimum": 0, "maximum": 600_000},
    "status": {"type": "integer", "minimum": 100, "maximum": 599},
    "probability": {"type": "number", "minimum": 0, "maximum": 1},
    "rate": {"type": "number", "minimum": 0, "maximum": 1,
             "description": "the same as probability (scenario files say rate)"},
    "times": _nullable({"type": "integer", "minimum": 1, "maximum": MAX_COUNT}),
}, ["kind"])

CLOCK_MOVE = _object({
    "advance": {"type": "number", "minimum": 0, "maximum": MAX_ADVANCE_S,
                "description": "seconds to move forward, at most a century"},
    "set": INSTANT_IN,
    "mode": CLOCK_MODE,
})

EVENT = _object({"channel": CHANNEL, "status": STATUS}, ["channel", "status"])


def _limit(type_name: str) -> dict[str, Any]:
    """Counts and sizes are whole numbers >= 1; durations are seconds > 0."""
    if type_name == "int":
        return {"type": "integer", "minimum": 1, "maximum": MAX_COUNT}
    if type_name == "float":
        return {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_SECONDS}
    if type_name == "bool":
        return {"type": "boolean"}
    raise TypeError(f"a limit of type {type_name} needs its schema here")


# Generated from the core's own Limits, so that a new limit is in the schema the day it exists.
LIMITS = _object({f.name: _limit(str(f.type)) for f in fields(Limits) if f.name != "extra"})

FIXTURES = _object({
    "description": {"type": "string", "maxLength": 10_000,
                    "description": "what the scenario puts the mock into"},
    "clock": _object({"start": INSTANT_IN, "mode": CLOCK_MODE}),
    "delivery": _object({"after_s": SECONDS,
                         "no_report_final_s": {**SECONDS, "exclusiveMinimum": 0}}),
    "random": _object({"seed": {"type": "integer", "minimum": 0, "maximum": 2**64 - 1,
                                "description": "weighted outcomes and fault rates repeat "
                                               "with it"}}),
    "limits": LIMITS,
    "rates": RATES,
    "operators": OPERATORS,
    "accounts": {"type": "array", "items": FIXTURE_ACCOUNT, "maxItems": 100_000},
    "rules": {"type": "array", "items": NEW_RULE, "maxItems": 100_000},
    "faults": {"type": "array", "items": NEW_FAULT, "maxItems": 100_000},
})
FIXTURES["description"] = ("A fixtures file or a scenario: description, clock, delivery, "
                           "random, limits, rates, operators, accounts, rules, faults "
                           "(see the README).")

# POST /__admin/scenario {"name": ...}: a scenario that ships with the package, by name.
SHIPPED_SCENARIO = _object({"name": {**NAME, "description": "see GET /__admin/scenarios"}},
                           ["name"])

# The documents by the name the OpenAPI document gives them.
# A recipient's answer (POST /__admin/inbound).
INBOUND_PHONE = {"type": "string", "pattern": r"^\s*\+?\d{7,15}\s*$",
                 "description": "7..15 digits, an optional +"}
NEW_INBOUND = _object({
    "provider": PROVIDER, "login": NAME, "phone": INBOUND_PHONE,
    "text": {"type": "string", "minLength": 1, "maxLength": MAX_INBOUND_TEXT},
    "to": {"anyOf": [INBOUND_PHONE, {"const": ""}]},
    "reply_to": {**NAME, "description": "the message answered (the mock's id or a provider's "
                                        "id); default: the last message sent to phone"},
}, ["phone", "text"])

# POST /__admin/reset: no body (or {}) resets everything; provider and login, one account.
RESET_SCOPE = {**_object({"provider": PROVIDER, "login": NAME}),
               "dependentRequired": {"provider": ["login"], "login": ["provider"]},
               "description": "empty: everything; provider and login: that account's "
                              "messages, journal and balance only"}

DOCUMENTS: dict[str, dict[str, Any]] = {
    "ResetScope": RESET_SCOPE,
    "InboundNew": NEW_INBOUND,
    "AccountFields": ACCOUNT_FIELDS,
    "NewRule": NEW_RULE,
    "NewFault": NEW_FAULT,
    "ClockMove": CLOCK_MOVE,
    "Event": EVENT,
    "Scenario": FIXTURES,
    "ShippedScenario": SHIPPED_SCENARIO,
}


@functools.cache
def _validator(kind: str) -> Validator:
    # jsonschema (and its bundled specifications) loads on the first document checked, so
    # that serving the demo set does not wait for it.
    import jsonschema

    return jsonschema.Draft202012Validator(DOCUMENTS[kind])


class DocumentError(ValueError):
    """A document that breaks its schema: `path` names the key, `value` is what was there."""

    def __init__(self, path: str, value: Any, problem: str) -> None:
        self.path, self.value, self.problem = path, value, problem
        super().__init__(f"{path or 'the document'}: {problem}")


def show(value: Any, limit: int = 60) -> str:
    """A value as the user wrote it (JSON spelling), cut short."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def json_path(parts) -> str:
    """`accounts[0].balance`; a key that is not a plain name is quoted: `rates.sms.ru[""]`."""
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif isinstance(part, str) and part.isidentifier():
            path += f".{part}" if path else part
        else:
            path += f"[{show(part)}]"
    return path


def plain(document: Any) -> Any:
    """The document as plain JSON values: TOML dates become ISO strings; NaN, infinities and
    nesting deeper than MAX_DEPTH are refused here, since no schema keyword catches them."""
    return _plain(document, [], 0)


def _plain(value: Any, path: list, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise DocumentError(json_path(path), value,
                            f"nested deeper than {MAX_DEPTH} levels; no document of the mock "
                            "needs that")
    if isinstance(value, dict):
        return {key: _plain(item, [*path, key], depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item, [*path, index], depth + 1) for index, item in enumerate(value)]
    if isinstance(value, float) and not math.isfinite(value):
        raise DocumentError(json_path(path), value, f"{show(value)} is not a finite number")
    if isinstance(value, datetime | date | time):  # TOML's own date and time values
        return value.isoformat()
    return value


def validate(kind: str, document: Any) -> Any:
    """The document as plain values, or DocumentError naming the first key that is wrong."""
    from jsonschema.exceptions import best_match

    document = plain(document)
    error = best_match(_validator(kind).iter_errors(document))
    if error is not None:
        raise _explain(error)
    return document


def _explain(error: ValidationError) -> DocumentError:
    path = list(error.absolute_path)
    value = error.instance
    if error.validator == "additionalProperties" and isinstance(value, dict):
        known = sorted(error.schema.get("properties", {}))
        unknown = [key for key in value if key not in known]
        if unknown:
            key = unknown[0]
            hint = f"; known keys: {', '.join(known)}" if known else ""
            return DocumentError(json_path([*path, key]), value[key],
                                 f"unknown key {key!r} (value {show(value[key])}){hint}")
    if list(error.absolute_schema_path)[-2:-1] == ["propertyNames"]:  # a key, not a value
        return DocumentError(json_path([*path, value]), value,
                             f"key {show(value)} is not allowed here: {_expectation(error)}")
    if error.validator == "required":
        return DocumentError(json_path(path), value, error.message.replace(
            "is a required property", "is required"))
    return DocumentError(json_path(path), value, f"{show(value)}: {_expectation(error)}")


_A = {"object": "an object", "array": "an array", "string": "a string", "number": "a number",
      "integer": "a whole number", "boolean": "true or false", "null": "null"}


def _expectation(error: ValidationError) -> str:
    """What the schema wanted, in words."""
    schema, keyword = error.schema, error.validator
    if keyword == "type":
        wanted = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return "expected " + " or ".join(_A[name] for name in wanted)
    if keyword == "enum":
        return f"expected one of {', '.join(show(v) for v in schema['enum'])}"
    if keyword == "pattern":
        return "expected " + schema.get("description", f"a string matching {schema['pattern']}")
    if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        bound = schema[keyword]
        words = {"minimum": "at least", "exclusiveMinimum": "more than",
                 "maximum": "at most", "exclusiveMaximum": "less than"}[keyword]
        return f"expected {words} {int(bound) if float(bound).is_integer() else bound}"
    return error.message
