"""send.php parameters -> the core's send command, with SMSC's checks in its order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ...core.accounts import Account
from ...core.billing import Channel
from ...core.sending import ChannelContent, Recipient, RecipientResult, Refusal, SendCommand
from ...core.state import MockState
from ..http import Warn
from .errors import REFUSAL_ERRORS, SendError, SmscError
from .extension import RateWindow
from .kinds import UnknownKind, kind_meta, kind_of
from .send_time import AT_ONCE, BadTime, BadValidity, scheduled_at, validity_s, zone_for
from .send_view import NumberLine, SendOutcome
from .statuses import SENDER_ACTIVE, accepted_status, refusal_status
from .text_options import shape_text, text_list

DEFAULT_SENDER = "SMSC.ru"
MAX_TEXT_CHARS = 1000
COMMENT_MARK = "\n~~~\n"  # what follows is a comment kept with the message, not sent
MAX_ID = 2_147_483_647
CLIENT_ID = re.compile(r"[A-Za-z0-9._-]{1,40}")
PHONE_SEPARATORS = re.compile(r"[,;]")
PRICE_REPEAT_LIMIT = 5  # identical price requests (cost=1) a minute; the 6th is error 9
COST_MODES = {"0": 0, "1": 1, "2": 2, "3": 3, "": 0}



@dataclass(slots=True)
class SendRequest:
    command: SendCommand
    message_id: str  # "" when only the price is asked (cost=1)
    cost_mode: int  # 0 send, 1 price only, 2 send + price, 3 send + price + balance
    list_errors: bool  # err=1: the numbers that failed
    list_all: bool  # op=1: every number
    fingerprint: tuple  # what makes two requests "identical" (error 9)
    # `list`: the numbers of each further text, sent as their own commands under the same id.
    more: list[SendCommand] = field(default_factory=list)

    @property
    def commands(self) -> list[SendCommand]:
        return [self.command, *self.more]


def normalize_phone(raw: str) -> str:
    """SMSC formats a number given without "+": spaces, dashes and brackets go, and a Russian
    8XXXXXXXXXX becomes 7XXXXXXXXXX. With "+" the number is taken as it is."""
    text = raw.strip()
    if text.isdigit():  # nothing to take out
        return "7" + text[1:] if len(text) == 11 and text.startswith("8") else text
    if "@" in text:  # an e-mail address (mail=1) is taken as it is
        return text
    if text.startswith("+"):
        return text[1:]
    digits = re.sub(r"[\s()-]", "", text)
    if len(digits) == 11 and digits.startswith("8") and digits.isdigit():
        return "7" + digits[1:]
    return digits


def _flag(params: dict[str, str], name: str) -> bool:
    return params.get(name, "").strip() == "1"


def _message_id(raw: str, new_id: Callable[[], str]) -> str | None:
    """The client's id, or a new one when none (or 0) is given; None when it is malformed."""
    raw = raw.strip()
    if raw in ("", "0"):
        return new_id()
    if raw.isdigit():
        return raw if 1 <= int(raw) <= MAX_ID else None
    return raw if CLIENT_ID.fullmatch(raw) else None


def sender_allowed(account: Account, channel: Channel, sender: str) -> bool:
    """Banned, not on the account's list, or (SMS) not an active name of its Sender ID registry:
    the message is denied."""
    if not sender:
        return True
    if sender in account.banned_senders or not account.may_use_sender(channel, sender):
        return False
    if channel is Channel.SMS and account.sender_ids:
        return any(entry.sender == sender and entry.status == SENDER_ACTIVE
                   for entry in account.sender_ids)
    return True


def _sender(params: dict[str, str]) -> str:
    if "sender" not in params:
        return DEFAULT_SENDER
    sender = params["sender"].strip()
    return "" if sender == "." else sender  # "" or "." switch the default name off


def parse_send(params: dict[str, str], account: Account, now: Callable[[], datetime],
               max_recipients: int, new_id: Callable[[], str], warn: Warn) -> SendRequest:
    """The send command; a request SMSC refuses raises SmscError. `now` is read only for a
    `time` or `tz` to resolve."""
    cost_mode = COST_MODES.get(params.get("cost", "").strip())
    texts = text_list(params.get("list", ""), warn)  # `list` stands in for phones and mes
    phones = [p.strip() for p in PHONE_SEPARATORS.split(params.get("phones", "")) if p.strip()]
    mes = params.get("mes", "")
    if texts:
        (mes, phones), *others = texts.items()
    try:
        kind = kind_of(params, warn)
    except UnknownKind:
        raise SmscError(SendError.PARAMETERS) from None
    if cost_mode is None or not phones or (kind.needs_text and not mes.strip()):
        raise SmscError(SendError.PARAMETERS)
    count = sum(len(numbers) for numbers in texts.values()) if texts else len(phones)
    if count > max_recipients:
        warn("too_many_numbers", "phones",
             f"{count} numbers in one request; the mock takes at most {max_recipients}")
        raise SmscError(SendError.PARAMETERS)
    text, _, comment = mes.partition(COMMENT_MARK)
    text = shape_text(text, params, warn)
    if len(text) > MAX_TEXT_CHARS:
        warn("message_too_long", "mes",
             f"mes is at most {MAX_TEXT_CHARS} characters; got {len(text)}")
    try:
        ttl_s = validity_s(params.get("valid", ""))
    except BadValidity as exc:
        warn("valid_out_of_range", "valid", f"{exc}")
        raise SmscError(SendError.PARAMETERS) from exc
    raw_time, raw_tz = params.get("time", ""), params.get("tz", "")
    try:
        schedule = (scheduled_at(raw_time, now(), zone_for(raw_tz, account.zone))
                    if raw_time.strip() or raw_tz.strip() else AT_ONCE)
    except BadTime as exc:
        warn("time_format", "time", f"{exc}; see the documented forms of time")
        raise SmscError(SendError.TIME_FORMAT) from exc
    if schedule.slip:
        warn("time_plus_not_encoded", "time",
             "a relative time starts with '+', which must be sent as %2B; taken as +minutes")
    message_id = ""
    if cost_mode != 1:
        found = _message_id(params.get("id", ""), new_id)
        if found is None:
            warn("id_format", "id", "id is 1..2147483647 or up to 40 of A-Z a-z 0-9 . - _")
            raise SmscError(SendError.PARAMETERS)
        message_id = found
    channel = kind.channel
    sender = _sender(params)
    if not sender_allowed(account, channel, sender):
        raise SmscError(SendError.DENIED, message_id)
    content = ChannelContent(channel, text, sender=sender, ttl_s=ttl_s)
    command = SendCommand(
        account=account, recipients=[Recipient(normalize_phone(phone)) for phone in phones],
        contents=[content], scheduled_at=schedule.at, virtual=account.test_mode,
        meta=({"comment": comment} if comment else {}) | kind_meta(kind, params, warn),
    )
    more = [SendCommand(account=account, recipients=[Recipient(normalize_phone(p)) for p in nums],
                        contents=[ChannelContent(channel, shape_text(other, params, warn),
                                                 sender=sender, ttl_s=ttl_s)],
                        scheduled_at=schedule.at, virtual=account.test_mode, meta=command.meta)
            for other, nums in (others if texts else [])]
    fingerprint = ("send", account.login, tuple(phones), mes, sender, channel, raw_time,
                   cost_mode == 1, params.get("list", ""))
    return SendRequest(command, message_id, cost_mode, _flag(params, "err"), _flag(params, "op"),
                       fingerprint, more)


def _number_line(state: MockState, result: RecipientResult, scheduled: bool) -> NumberLine:
    # A number refused before the core looked it up (blacklisted) still shows its operator.
    info = result.phone_info or state.analyzer.analyze(result.recipient.phone)
    status = (accepted_status(scheduled) if result.refusal is None
              else refusal_status(result.refusal))
    return NumberLine(result.recipient.phone, info.mcc + info.mnc if info else "",
                      result.cost or Decimal("0"), status)


def _total(results: list[RecipientResult]) -> Decimal:
    return sum((r.cost for r in results if r.accepted and r.cost is not None), Decimal("0"))


def _parts(command: SendCommand, found: list[RecipientResult]) -> int:
    """The SMS the numbers a command reached take: its text counted once (the message kept
    for a number carries the count)."""
    accepted = [r for r in found if r.accepted]
    if not accepted:
        return 0
    sent = accepted[0].message
    per_number = (sent.channels[0].parts if sent is not None
                  else command.contents[0].billed_parts)
    return per_number * len(accepted)


def carry_out(state: MockState, rates: RateWindow, parsed: SendRequest, warn: Warn
              ) -> SendOutcome:
    """SMSC's order: the identical-request rule, the numbers, the balance for the whole
    request (nothing is sent when it cannot be covered), then the send itself."""
    command, message_id, price_only = parsed.command, parsed.message_id, parsed.cost_mode == 1
    if price_only:
        repeated = rates.over(parsed.fingerprint, PRICE_REPEAT_LIMIT)
    else:
        repeated = state.repeats.check_and_remember(parsed.fingerprint)
    if repeated:
        warn("identical_request", "", "an identical request within a minute (SMSC error 9): "
             "one send, or five price requests (cost=1), a minute")
        raise SmscError(SendError.DUPLICATE, message_id)
    commands = parsed.commands
    for each in commands:
        each.virtual = each.virtual or price_only  # a price is quoted whatever the balance
    quoted = [(each, state.sending.quote(each)) for each in commands]
    results = [r for _, found in quoted for r in found]
    if not any(r.accepted for r in results):
        raise SmscError(REFUSAL_ERRORS[results[0].refusal], message_id)  # type: ignore[index]
    short = any(r.refusal is Refusal.LOW_BALANCE for r in results)
    total = _total(results)  # what is charged below: the numbers and prices just quoted
    if not command.virtual and (short or not command.account.can_afford(total)):
        raise SmscError(SendError.NO_MONEY, message_id)
    if not price_only:
        for each in commands:
            each.provider_ids = lambda message: {"id": message_id}
        quoted = [(each, state.sending.send_quoted(each, found)) for each, found in quoted]
        results = [r for _, found in quoted for r in found]
    numbers = []
    if parsed.list_all or parsed.list_errors:
        scheduled = command.scheduled_at is not None
        numbers = [_number_line(state, r, scheduled) for r in results
                   if parsed.list_all or not r.accepted]
    cnt = sum(_parts(each, found) for each, found in quoted)
    return SendOutcome(parsed.cost_mode, message_id, cnt, total, command.account.balance,
                       numbers)
