"""senders.php: the account's Sender ID registry (list, add, change, delete) and the
confirmation of a digital name by a code sent to it as an SMS.

The registry lives on the account (`account.sender_ids`); the codes and the per-minute limits
of error 9 are SMSC's own (`state.extensions["smsc"]`), all on the mock clock."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from ...core.accounts import Account, Provider, SenderId
from ...core.billing import Channel
from ...core.sending import ChannelContent, Recipient, Refusal, SendCommand
from ...core.state import MockState
from .errors import SendersError, SmscError
from .extension import SentCode, SmscExtension
from .formats import Fmt
from .reply import ok_text
from .senders_view import added_text, list_text
from .statuses import SENDER_ACTIVE, SENDER_PENDING

COMMANDS = ("get", "add", "chg", "del", "send_code", "check_code")
LIST_LIMIT, CREATE_LIMIT, CONCURRENT_LIMIT = 3, 5, 15  # error 9, per minute / at once
CODE_REPEAT = timedelta(hours=8)  # error 10
SYSTEM_LOGIN, SYSTEM_SENDER = "__system__", "SMSC.ru"
CODE_TEXT = "Код подтверждения: {code}"
# 11 letters, digits, spaces and a few signs, or up to 15 digits.
ALPHA_NAME = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9 .\-_!&'+/:?@#*()]{1,11}")
DIGITAL_NAME = re.compile(r"\d{1,15}")

NewId = Callable[[], str]


@dataclass(slots=True)
class SendersCall:
    state: MockState
    ext: SmscExtension
    account: Account
    params: dict[str, str]
    fmt: Fmt
    new_id: NewId


def command_of(params: dict[str, str]) -> str | None:
    for name in COMMANDS:
        if params.get(name, "").strip() == "1":
            return name
    return None


def run(call: SendersCall) -> str:
    """The reply's text; a refusal raises SmscError."""
    command = command_of(call.params)
    if command is None:
        raise SmscError(SendersError.PARAMETERS)
    return _HANDLERS[command](call)


# --- the list ---------------------------------------------------------------------------------
def _get(call: SendersCall) -> str:
    params = call.params
    full = params.get("all", "").strip() == "1"
    operators = params.get("operators", "").strip() == "1"
    key = ("senders-list", call.account.login, full, operators, call.fmt)
    if call.ext.rates.over(key, LIST_LIMIT):
        raise SmscError(SendersError.TOO_MANY)
    entries = [e for e in call.account.sender_ids if full or e.status == SENDER_ACTIVE]
    return list_text(entries, full, operators, call.fmt)


# --- changes ----------------------------------------------------------------------------------
def _find(call: SendersCall) -> SenderId:
    """The entry `sender` or `id` names."""
    sender, raw_id = call.params.get("sender", "").strip(), call.params.get("id", "").strip()
    if not sender and not raw_id:
        raise SmscError(SendersError.PARAMETERS)
    for entry in call.account.sender_ids:
        if (sender and entry.sender == sender) or (not sender and str(entry.id) == raw_id):
            return entry
    raise SmscError(SendersError.SENDER_NOT_FOUND)


def _add(call: SendersCall) -> str:
    sender = call.params.get("sender", "").strip()
    if not sender:
        raise SmscError(SendersError.PARAMETERS)
    if call.ext.rates.over(("senders-add", call.account.login), CREATE_LIMIT):
        raise SmscError(SendersError.TOO_MANY)
    registry = call.account.sender_ids
    valid = DIGITAL_NAME.fullmatch(sender) or ALPHA_NAME.fullmatch(sender)
    if not valid or any(entry.sender == sender for entry in registry):
        raise SmscError(SendersError.SAVE_FAILED)
    entry = SenderId(id=max((e.id for e in registry), default=0) + 1, sender=sender,
                     status=SENDER_PENDING, comment=call.params.get("cmt", ""))
    registry.append(entry)
    return added_text(entry.id, call.fmt)


def _change(call: SendersCall) -> str:
    entry = _find(call)
    if "cmt" in call.params:
        entry.comment = call.params["cmt"]
    return ok_text(call.fmt)


def _delete(call: SendersCall) -> str:
    entry = _find(call)
    call.account.sender_ids.remove(entry)
    return ok_text(call.fmt)


# --- confirming a digital name ----------------------------------------------------------------
def _send_code(call: SendersCall) -> str:
    entry = _find(call)
    number = entry.sender
    if not DIGITAL_NAME.fullmatch(number):
        raise SmscError(SendersError.NUMBER_FORMAT)
    now = call.state.clock.now()
    earlier = call.ext.codes.get(number)
    if earlier is not None and now - earlier.sent_at < CODE_REPEAT:
        raise SmscError(SendersError.CODE_ALREADY_SENT)
    code = f"{secrets.randbelow(1_000_000):06d}"
    _deliver_code(call, number, code)
    call.ext.codes[number] = SentCode(call.account.login, entry.sender, code, now)
    return ok_text(call.fmt)


def _deliver_code(call: SendersCall, number: str, code: str) -> None:
    """The code goes out as a real SMS from SMSC's own name, billed to no customer: it shows in
    the messages and the inbox like any other, and follows the delivery rules. A number on the
    customer's blacklist is refused like any send of theirs: the code cannot be delivered (8)."""
    system = Account(Provider.SMSC, SYSTEM_LOGIN, balance=Decimal("1e9"),
                     blacklist=set(call.account.blacklist))
    message_id = call.new_id()
    command = SendCommand(
        account=system, recipients=[Recipient(number)],
        contents=[ChannelContent(Channel.SMS, CODE_TEXT.format(code=code),
                                 sender=SYSTEM_SENDER)],
        meta={"purpose": "sender_code", "for_login": call.account.login},
        provider_ids=lambda message: {"id": message_id},
    )
    (result,) = call.state.sending.send(command)
    if result.accepted:
        return
    if result.refusal is Refusal.UNKNOWN_COUNTRY:
        raise SmscError(SendersError.NUMBER_FORMAT)
    raise SmscError(SendersError.CODE_UNDELIVERABLE)


def _check_code(call: SendersCall) -> str:
    code = call.params.get("code", "").strip()
    if not code:
        raise SmscError(SendersError.PARAMETERS)
    entry = _find(call)
    sent = call.ext.codes.get(entry.sender)
    if sent is None or sent.login != call.account.login or sent.code != code:
        raise SmscError(SendersError.WRONG_CODE)
    entry.status = SENDER_ACTIVE
    return ok_text(call.fmt)


_HANDLERS: dict[str, Callable[[SendersCall], str]] = {
    "get": _get, "add": _add, "chg": _change, "del": _delete,
    "send_code": _send_code, "check_code": _check_code,
}
