"""IntelTele parameters -> the core's send command, with the document's checks and warnings.

A request the document refuses raises `Refused`; what the document states but the service
lets pass is noted for the developer (`warn`)."""

from __future__ import annotations

from ...core.accounts import Account
from ...core.billing import Channel
from ...core.segments import count_parts
from ...core.sending import ChannelContent, Recipient, SendCommand
from ..http import Warn
from .errors import Refused, SendError
from .wire import (
    DEFAULT_SENDER,
    MAX_MESSAGE_CHARS,
    MAX_SMS_PARTS,
    SMS_SOURCE,
    TTL_DEFAULT,
    TTL_MAX,
    TTL_MIN,
)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


def _recipients(raw: str, warn: Warn) -> list[Recipient]:
    numbers = [number.strip() for number in raw.split(",") if number.strip()]
    for number in numbers:
        if number.startswith("+"):
            # 000 l.19: "in the international format, without '+'".
            warn("number_with_plus", "to",
                 f"{number!r}: numbers are written in the international format without '+'")
    return [Recipient(number) for number in numbers]


def _ttl(raw: str | None, warn: Warn) -> int:
    """im_ttl, in seconds (000 l.25)."""
    if raw is None or raw == "":
        return TTL_DEFAULT
    try:
        ttl = int(raw)
    except ValueError:
        warn("im_ttl_not_a_number", "im_ttl",
             f"im_ttl must be a whole number of seconds ({TTL_MIN}..{TTL_MAX}); "
             f"got {raw!r}, the default {TTL_DEFAULT} s applies")
        return TTL_DEFAULT
    if not TTL_MIN <= ttl <= TTL_MAX:
        clamped = min(max(ttl, TTL_MIN), TTL_MAX)
        warn("im_ttl_out_of_range", "im_ttl",
             f"im_ttl is {ttl}; the document allows {TTL_MIN}..{TTL_MAX} seconds "
             f"(taken as {clamped})")
        return clamped
    return ttl


# Parameters the document uses only in pairs (000 l.23-24, l.29-30), the violation's name,
# and what becomes of a half without the other.
BUTTON = ("im_button_text", "im_button_link", "button_without_pair", "no button is shown")
SMS_FALLBACK = ("sms_source", "sms_message", "sms_fallback_without_pair",
                "no SMS fallback is sent")


def _pair(params: dict[str, str], pair: tuple[str, str, str, str], warn: Warn
          ) -> tuple[str, str]:
    """Both halves, or (either one missing, with a warning) neither."""
    first, second, rule, effect = pair
    a, b = params.get(first, ""), params.get(second, "")
    if bool(a) != bool(b):
        given, missing = (first, second) if a else (second, first)
        warn(rule, given, f"{given} is used in a pair with {missing}; without it {effect}")
        return "", ""
    return a, b


def _image(params: dict[str, str], warn: Warn) -> str:
    image = params.get("im_image", "")
    if image and not image.lower().split("?")[0].endswith(IMAGE_SUFFIXES):
        warn("image_format", "im_image",
             "im_image should link a JPG/JPEG/PNG picture of at most 400x400 px")
    if image and not image.lower().startswith(("http://", "https://")):
        warn("image_not_a_url", "im_image", "im_image should be an http(s) link")
    return image


def _sms_fallback(params: dict[str, str], account: Account, warn: Warn) -> ChannelContent | None:
    source, text = _pair(params, SMS_FALLBACK, warn)
    if not source:
        return None
    return _sms(account, source, text, ("sms_source", "sms_message"), warn)


def _sms(account: Account, source: str, text: str, fields: tuple[str, str], warn: Warn
         ) -> ChannelContent:
    """An SMS from `source`, checked as the document checks `sms_source` and `sms_message`
    (`fields`: what the request called the two)."""
    source_field, text_field = fields
    if not SMS_SOURCE.fullmatch(source):
        warn("sms_source_format", source_field,
             f"{source_field} is at most 11 Latin letters, digits and '._-', or at most 15 "
             "digits")
        raise Refused(SendError.WRONG_SENDER)
    if count_parts(text) > MAX_SMS_PARTS:
        warn("sms_message_too_long", text_field,
             f"{text_field} is split into at most {MAX_SMS_PARTS} SMS parts")
        raise Refused(SendError.TOO_LONG)
    _check_sender(account, Channel.SMS, source)
    return ChannelContent(Channel.SMS, text, sender=source)


def _check_sender(account: Account, channel: Channel, sender: str) -> None:
    if sender in account.banned_senders:
        raise Refused(SendError.SENDER_BANNED)
    if not account.may_use_sender(channel, sender):
        raise Refused(SendError.WRONG_SENDER)


def _text_and_recipients(params: dict[str, str], text_key: str, max_recipients: int,
                         warn: Warn) -> tuple[str, list[Recipient]]:
    """The document's first checks: what is missing, then what is too long."""
    text = params.get(text_key, "")
    recipients = _recipients(params.get("to", ""), warn)
    if not text or not recipients:
        raise Refused(SendError.CANT_SEND)
    if len(recipients) > max_recipients:
        warn("too_many_numbers", "to",
             f"{len(recipients)} numbers in one request; the mock takes at most {max_recipients}")
        raise Refused(SendError.CANT_SEND)
    if len(text) > MAX_MESSAGE_CHARS:
        raise Refused(SendError.TOO_LONG)
    return text, recipients


def build_sms_send(params: dict[str, str], account: Account, max_recipients: int, warn: Warn
                   ) -> SendCommand:
    """/message/send/, the SMS send whose parameters the document's error table names
    («message», «to», «from»): one SMS per number, from `from`, no Viber."""
    text, recipients = _text_and_recipients(params, "message", max_recipients, warn)
    sms = _sms(account, params.get("from", ""), text, ("from", "message"), warn)
    return SendCommand(account=account, recipients=recipients, contents=[sms],
                       repeat_per_number=True)


def build_send(params: dict[str, str], account: Account, max_recipients: int, warn: Warn
               ) -> SendCommand:
    """The document's order of checks: what is missing, too long, then the sender."""
    text, recipients = _text_and_recipients(params, "im_message", max_recipients, warn)
    sender = params.get("im_sender") or DEFAULT_SENDER
    _check_sender(account, Channel.VIBER, sender)
    button_text, button_link = _pair(params, BUTTON, warn)
    viber = ChannelContent(
        Channel.VIBER, text, sender=sender, button_text=button_text, button_url=button_link,
        image_url=_image(params, warn), ttl_s=_ttl(params.get("im_ttl"), warn),
    )
    fallback = _sms_fallback(params, account, warn)
    contents = [viber] + ([fallback] if fallback is not None else [])
    return SendCommand(account=account, recipients=recipients, contents=contents,
                       repeat_per_number=True)
