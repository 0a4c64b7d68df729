"""The kinds of message send.php sends, named by a flag (`flash=1`, `hlr=1`, `mms=1`, ...):
which channel carries each (and so which rate prices it), the number status.php shows as its
`type`, what it keeps beside its text, and what an HLR lookup answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...core.billing import Channel
from ...core.messages import Message
from ..http import Warn


@dataclass(frozen=True, slots=True)
class Kind:
    flag: str  # "" for a plain SMS
    channel: Channel
    type_code: int  # status.php's `type` (and the low bits of `flag`)
    needs_text: bool = True


SMS = Kind("", Channel.SMS, 0)
KINDS = (
    Kind("flash", Channel.SMS, 1),
    Kind("bin", Channel.SMS, 2),
    Kind("push", Channel.SMS, 3),
    Kind("hlr", Channel.HLR, 4, needs_text=False),
    Kind("ping", Channel.SMS, 5, needs_text=False),
    Kind("mms", Channel.MMS, 6),
    Kind("call", Channel.CALL, 7),
    Kind("mail", Channel.MAIL, 8),
    Kind("viber", Channel.VIBER, 10),
    Kind("tg", Channel.TELEGRAM, 13),
)
_BY_FLAG = {kind.flag: kind for kind in KINDS}
# Kinds the mock does not imitate: `soc` goes to social network profiles.
UNSUPPORTED = ("soc",)
VOICES = ("m", "m2", "m3", "m4", "w", "w2", "w3", "w4")  # call=1 voice; m by default


class UnknownKind(ValueError):
    """Two kinds at once, or one the mock does not imitate: error 1."""


_FLAGS = (*_BY_FLAG, *UNSUPPORTED)


def kind_of(params: Mapping[str, str], warn: Warn) -> Kind:
    named = [flag for flag in _FLAGS
             if flag in params and params[flag].strip() not in ("", "0")]
    if any(flag in UNSUPPORTED for flag in named):
        flag = next(f for f in named if f in UNSUPPORTED)
        warn("unsupported_message_kind", flag, f"{flag}=1 messages are not imitated by the mock")
        raise UnknownKind(flag)
    if len(named) > 1:
        warn("several_message_kinds", named[1], f"one kind of message a request; got "
             f"{', '.join(f + '=1' for f in named)}")
        raise UnknownKind(named[1])
    return _BY_FLAG[named[0]] if named else SMS


def kind_meta(kind: Kind, params: Mapping[str, str], warn: Warn) -> dict[str, Any]:
    """What a kind keeps beside its text: an MMS's subject, a call's voice and parameters."""
    meta: dict[str, Any] = {"kind": kind.flag} if kind.flag else {}
    if kind.flag in ("mms", "mail") and params.get("subj", "").strip():
        meta["subj"] = params["subj"].strip()
    if kind.flag == "call":
        voice = params.get("voice", "").strip() or "m"
        if voice not in VOICES:
            warn("call_voice", "voice", f"voice is one of {VOICES}; got {voice!r}, m applies")
            voice = "m"
        meta["voice"] = voice
        if params.get("param", "").strip():
            meta["param"] = params["param"].strip()
    if kind.flag == "bin":
        meta["bin"] = params["bin"].strip()
    return meta


def type_code(message: Message) -> int:
    """status.php's `type` of a stored message."""
    kind = _BY_FLAG.get(message.meta.get("kind", ""))
    if kind is not None:
        return kind.type_code
    attempt = message.current or message.channels[0]
    return 10 if attempt.channel is Channel.VIBER else 0


HLR_TYPE = 4
# The number's home network as an HLR answer reports it (status.php, once delivered).
HLR_FIELDS = ("imsi", "msc", "mcc", "mnc", "cn", "net", "room", "roam_net")


def hlr_fields(message: Message, country_name: str, operator: str) -> dict[str, str]:
    """The HLR answer from the phone tables: home MCC and MNC, country and operator; no
    roaming (`room` and `roam_net` empty) and no serving MSC, which the tables do not hold."""
    subscriber = message.phone[-10:].rjust(10, "0")
    return {"imsi": (message.mcc + message.mnc + subscriber)[:15] if message.mnc else "",
            "msc": "", "mcc": message.mcc, "mnc": message.mnc, "cn": country_name,
            "net": operator, "room": "", "roam_net": ""}
