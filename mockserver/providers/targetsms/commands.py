"""One message's fields -> the core's send command, with the checks the documents state.

GET, JSON and XML all come through `build_send`, so a message means the same on every wire.
What the documents forbid is refused (`Refused`, with the platform's text) and noted for the
developer (`warn`); what they only advise against is noted and let through.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ...core.accounts import Account
from ...core.billing import Channel
from ...core.sending import ChannelContent, Recipient, SendCommand
from ..http import Warn
from .errors import Refused, TargetError
from .fields import Abonent, MessageFields

VIBER_TEXT_MAX = 1000
BUTTON_TEXT_MAX = 19
VALIDITY_DEFAULT_MIN = 60
# Not the platform's number: Viber keeps a message at most 14 days, and the mock's timers
# need a bound.
VALIDITY_MAX_MIN = 14 * 24 * 60
DEFAULT_NAME_DELIVERY = "Шлюз"
PHONE_MAX_DIGITS = 14  # "Номер телефона должен быть меньше 15 символов."
SMS_SENDER_MAX_DIGITS, SMS_SENDER_MAX_ALNUM = 15, 11
TIME_SEND_FORMAT = "%Y-%m-%d %H:%M"
CHANNEL_FLAGS = (("send_viber", Channel.VIBER), ("send_vk", Channel.VK),
                 ("send_sms", Channel.SMS))

_DIGITS = re.compile(r"[0-9]+")
_ORDER = re.compile(r"[0-9]")


def identical_request(account: Account, fields: MessageFields) -> tuple:
    """The one-minute rule's "identical request" (001 l.2, 003 l.21), in one place: the same
    account, the same phones (in any order), and the same text on each channel the request
    sends on (a VK template and its data standing for its text). Nothing else tells two
    requests apart: not the senders, the validity, the buttons or the channels' order."""
    texts = []
    for channel in sorted(_cascade(fields)):
        if channel is Channel.VK:
            texts.append((channel, fields.get("templateId").strip(),
                          json.dumps(fields.template_data, sort_keys=True, default=str)))
        else:
            texts.append((channel, fields.get(f"text_{channel}")))
    phones = sorted(_number(abonent.phone) for abonent in fields.abonents)
    return (str(account.provider), account.login, tuple(phones), tuple(texts))


@dataclass(slots=True)
class SendPlan:
    """A message ready for the core: the command for the phones that pass, and the phones the
    platform refuses on sight, by their position among the message's recipients."""

    command: SendCommand
    abonents: list[Abonent]
    refused: dict[int, TargetError]


def build_send(fields: MessageFields, account: Account, warn: Warn) -> SendPlan:
    """The message's send plan; raises `Refused` for what the platform refuses outright."""
    channels = _cascade(fields, warn)
    if not channels:
        warn("no_channel", "send_viber",
             "send_viber, send_vk and send_sms are all 0 or missing: the message goes on no "
             "channel (each is the channel's place in the cascade, 1..9)")
        raise Refused(TargetError.NO_CHANNEL)
    if Channel.VK in channels and not account.vk_enabled:
        raise Refused(TargetError.ROUTE_CLOSED_FOR_YOU)
    if not fields.abonents:
        raise Refused(TargetError.NO_PHONE)
    scheduled_at = _time_send(fields.get("time_send"), account, warn)
    contents = [_CONTENT[channel](fields, account, warn) for channel in channels]
    recipients, refused = [], {}
    for position, abonent in enumerate(fields.abonents):
        error = _phone_error(abonent.phone)
        if error is not None:
            refused[position] = error
            continue
        client_id = abonent.client_id.strip()
        if client_id and not _DIGITS.fullmatch(client_id):
            # 001 l.98, l.247: "ID сообщения на стороне клиента. Число."
            warn("client_id_message_not_a_number", "client_id_message",
                 f"client_id_message is a number; got {client_id!r}")
        elif client_id and int(client_id) == 0:
            # The platform's PHP reads 0 as no ID (empty("0")): a published shop module numbers
            # its phones from 0 on every send, and its first phone is never refused as a repeat.
            warn("client_id_message_zero", "client_id_message",
                 "client_id_message 0 is no ID: it does not guard against a repeated send")
            client_id = ""
        recipients.append(Recipient(_number(abonent.phone), client_id))
    command = SendCommand(
        account=account, recipients=recipients, contents=contents, scheduled_at=scheduled_at,
        finale_read=fields.get("finale_viber_read").strip() == "1",
        name_delivery=fields.get("name_delivery") or DEFAULT_NAME_DELIVERY,
    )
    return SendPlan(command, list(fields.abonents), refused)


def _cascade(fields: MessageFields, warn: Warn | None = None) -> list[Channel]:
    """The channels asked for, by their send_* order (ties keep viber, vk, sms)."""
    ordered = []
    for index, (name, channel) in enumerate(CHANNEL_FLAGS):
        raw = fields.get(name).strip()
        if not raw:
            continue
        if not _ORDER.fullmatch(raw):
            if warn is not None:
                    warn("send_order_out_of_range", name,
                     f"{name} is one digit 0..9 (0 = not on this channel); got {raw!r}, "
                     "so the channel is not used")
            continue
        if raw != "0":
            ordered.append((int(raw), index, channel))
    return [channel for _, _, channel in sorted(ordered)]


def _time_send(raw: str, account: Account, warn: Warn) -> datetime | None:
    """time_send is wall-clock time in the account's zone; empty means now."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        local = datetime.strptime(raw, TIME_SEND_FORMAT)
    except ValueError as exc:
        warn("time_send_format", "time_send", f"time_send is written YYYY-MM-DD hh:mm; got {raw!r}")
        raise Refused(TargetError.BAD_DATE) from exc
    return local.replace(tzinfo=account.zone).astimezone(UTC)


def _number(phone: str) -> str:
    return phone.strip().removeprefix("+")


def _phone_error(phone: str) -> TargetError | None:
    number = _number(phone)
    if not number:
        return TargetError.NO_PHONE
    if not _DIGITS.fullmatch(number) or len(number) > PHONE_MAX_DIGITS:
        return TargetError.BAD_PHONE
    return None


def _check_sender(channel: Channel, sender: str, account: Account) -> None:
    if not sender:
        raise Refused(TargetError.NO_SENDER)
    if channel is Channel.SMS and len(sender) > (
            SMS_SENDER_MAX_DIGITS if _DIGITS.fullmatch(sender) else SMS_SENDER_MAX_ALNUM):
        raise Refused(TargetError.SENDER_TOO_LONG)
    if sender in account.banned_senders:
        raise Refused(TargetError.SENDER_NOT_APPROVED)
    if not account.may_use_sender(channel, sender):
        raise Refused(TargetError.UNKNOWN_SENDER)


def _validity_minutes(raw: str, warn: Warn) -> int:
    raw = raw.strip()
    if not raw:
        return VALIDITY_DEFAULT_MIN
    if not _DIGITS.fullmatch(raw) or int(raw) == 0:
        warn("validity_period_viber_format", "validity_period_viber",
             f"validity_period_viber is a whole number of minutes; got {raw!r}, "
             f"the default {VALIDITY_DEFAULT_MIN} applies")
        return VALIDITY_DEFAULT_MIN
    if int(raw) > VALIDITY_MAX_MIN:
        warn("validity_period_viber_too_long", "validity_period_viber",
             f"validity_period_viber is {raw} minutes; the mock keeps a Viber message at most "
             f"{VALIDITY_MAX_MIN} minutes (14 days, Viber's own limit)")
        return VALIDITY_MAX_MIN
    return int(raw)


def _viber_button(fields: MessageFields, warn: Warn) -> tuple[str, str]:
    text, url = fields.get("button_text"), fields.get("button_url")
    if bool(text) != bool(url):
        given, missing = ("button_text", "button_url") if text else ("button_url", "button_text")
        warn("button_without_pair", given,
             f"{given} needs {missing}: the documents require both for a button")
        raise Refused(TargetError.NO_BUTTON_URL if text else TargetError.NO_BUTTON_TEXT)
    if len(text) > BUTTON_TEXT_MAX:
        warn("button_text_too_long", "button_text",
             f"button_text is {len(text)} characters; the documents allow at most "
             f"{BUTTON_TEXT_MAX}")
        raise Refused(TargetError.BUTTON_TEXT_TOO_LONG)
    return text, url


def _viber(fields: MessageFields, account: Account, warn: Warn) -> ChannelContent:
    text = fields.get("text_viber")
    if not text:
        raise Refused(TargetError.NO_TEXT)
    if len(text) > VIBER_TEXT_MAX:
        warn("viber_text_too_long", "text_viber",
             f"text_viber is {len(text)} characters; the documents allow at most "
             f"{VIBER_TEXT_MAX}")
        raise Refused(TargetError.VIBER_TEXT_TOO_LONG)
    button_text, button_url = _viber_button(fields, warn)
    image_url = fields.get("image_url")
    if image_url and not button_text:
        warn("image_without_button", "image_url",
             "image_url needs a button (button_text and button_url) beside it")
        raise Refused(TargetError.IMAGE_WITHOUT_BUTTON)
    sender = fields.get("sender_viber")
    _check_sender(Channel.VIBER, sender, account)
    minutes = _validity_minutes(fields.get("validity_period_viber"), warn)
    return ChannelContent(Channel.VIBER, text, sender=sender, button_text=button_text,
                          button_url=button_url, image_url=image_url, ttl_s=minutes * 60)


def _template_data(raw: Any, warn: Warn) -> dict[str, Any] | None:
    """templateData: an object (JSON, XML) or JSON text (GET)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            raw = None
    if not isinstance(raw, dict):
        warn("template_data_format", "templateData",
             "templateData is a JSON object of the template's parameters")
        raise Refused(TargetError.BAD_JSON)
    return raw


def _vk(fields: MessageFields, account: Account, warn: Warn) -> ChannelContent:
    # A VK message is a template approved by VK; its id plays the part of the text.
    template_id = fields.get("templateId").strip()
    if not template_id:
        raise Refused(TargetError.NO_TEXT)
    data = _template_data(fields.template_data, warn)
    return ChannelContent(Channel.VK, "", template_id=template_id, template_data=data)


def _sms(fields: MessageFields, account: Account, warn: Warn) -> ChannelContent:
    text = fields.get("text_sms")
    if not text:
        raise Refused(TargetError.NO_TEXT)
    sender = fields.get("sender_sms")
    _check_sender(Channel.SMS, sender, account)
    return ChannelContent(Channel.SMS, text, sender=sender)


_CONTENT = {Channel.VIBER: _viber, Channel.VK: _vk, Channel.SMS: _sms}
