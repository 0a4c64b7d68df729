"""IntelTele parameters -> the core's send command, with the document's checks and warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...core.accounts import Account
from ...core.billing import Channel
from ...core.segments import count_parts
from ...core.sending import ChannelContent, Recipient, SendCommand
from .errors import SendError
from .wire import (
    DEFAULT_SENDER,
    MAX_MESSAGE_CHARS,
    MAX_SMS_PARTS,
    SMS_SOURCE,
    TTL_DEFAULT,
    TTL_MAX,
    TTL_MIN,
)

# (rule, field, message) -> noted in the journal for the developer
Warn = Callable[[str, str, str], None]
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


@dataclass(frozen=True, slots=True)
class Refused:
    error: SendError


def _recipients(raw: str) -> list[Recipient]:
    return [Recipient(number.strip()) for number in raw.split(",") if number.strip()]


def _ttl(raw: str | None, warn: Warn) -> int:
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


def _button(params: dict[str, str], warn: Warn) -> tuple[str, str]:
    text, link = params.get("im_button_text", ""), params.get("im_button_link", "")
    if bool(text) != bool(link):
        given, missing = ("im_button_text", "im_button_link") if text else (
            "im_button_link", "im_button_text")
        warn("button_without_pair", given,
             f"{given} is used in a pair with {missing}; without it no button is shown")
        return "", ""
    return text, link


def _image(params: dict[str, str], warn: Warn) -> str:
    image = params.get("im_image", "")
    if image and not image.lower().split("?")[0].endswith(IMAGE_SUFFIXES):
        warn("image_format", "im_image",
             "im_image should link a JPG/JPEG/PNG picture of at most 400x400 px")
    if image and not image.lower().startswith(("http://", "https://")):
        warn("image_not_a_url", "im_image", "im_image should be an http(s) link")
    return image


def _sms_fallback(params: dict[str, str], account: Account, warn: Warn
                  ) -> ChannelContent | Refused | None:
    source, text = params.get("sms_source", ""), params.get("sms_message", "")
    if not source and not text:
        return None
    if not text:
        warn("sms_source_without_message", "sms_source",
             "sms_source is used in a pair with sms_message; no SMS fallback without the text")
        return None
    if not source or not SMS_SOURCE.fullmatch(source):
        warn("sms_source_format", "sms_source",
             "sms_source is at most 11 Latin letters, digits and '._-', or at most 15 digits")
        return Refused(SendError.WRONG_SENDER)
    if count_parts(text) > MAX_SMS_PARTS:
        warn("sms_message_too_long", "sms_message",
             f"sms_message is split into at most {MAX_SMS_PARTS} SMS parts")
        return Refused(SendError.TOO_LONG)
    if source in account.banned_senders:
        return Refused(SendError.SENDER_BANNED)
    if not account.may_use_sender(Channel.SMS, source):
        return Refused(SendError.WRONG_SENDER)
    return ChannelContent(Channel.SMS, text, sender=source)


def build_send(params: dict[str, str], account: Account, max_recipients: int, warn: Warn
               ) -> SendCommand | Refused:
    """The document's order of checks: what is missing, too long, then the sender."""
    text = params.get("im_message", "")
    recipients = _recipients(params.get("to", ""))
    if not text or not recipients:
        return Refused(SendError.CANT_SEND)
    if len(recipients) > max_recipients:
        warn("too_many_numbers", "to",
             f"{len(recipients)} numbers in one request; the mock takes at most {max_recipients}")
        return Refused(SendError.CANT_SEND)
    if len(text) > MAX_MESSAGE_CHARS:
        return Refused(SendError.TOO_LONG)
    sender = params.get("im_sender") or DEFAULT_SENDER
    if sender in account.banned_senders:
        return Refused(SendError.SENDER_BANNED)
    if not account.may_use_sender(Channel.VIBER, sender):
        return Refused(SendError.WRONG_SENDER)
    button_text, button_link = _button(params, warn)
    viber = ChannelContent(
        Channel.VIBER, text, sender=sender, button_text=button_text, button_url=button_link,
        image_url=_image(params, warn), ttl_s=_ttl(params.get("im_ttl"), warn),
    )
    fallback = _sms_fallback(params, account, warn)
    if isinstance(fallback, Refused):
        return fallback
    contents = [viber] + ([fallback] if fallback is not None else [])
    return SendCommand(account=account, recipients=recipients, contents=contents,
                       repeat_per_number=True)
