"""Failure messages of the kit: what was asked, and what the mock held instead."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

SHOWN = 20  # candidates listed in one failure; the newest ones


def filters_text(filters: Mapping[str, Any]) -> str:
    shown = {name: value for name, value in filters.items() if value is not None}
    return ", ".join(f"{name}={value!r}" for name, value in shown.items()) or "no filters"


def message_line(message: Mapping[str, Any]) -> str:
    """One message on one line: who sent it where, its state, its text and codes."""
    channels = message.get("channels") or [{}]
    texts = " / ".join(f"{c.get('channel')}: {c.get('text', '')!r}" for c in channels)
    codes = message.get("codes") or []
    return (f"{message.get('id', '?')} {message.get('provider')}/{message.get('login')} "
            f"to {message.get('phone')} [{message.get('status')}] {texts}"
            + (f" codes={codes}" if codes else ""))


def candidates_text(candidates: Sequence[Mapping[str, Any]]) -> str:
    if not candidates:
        return "the mock holds no such message (nothing was sent, or it went elsewhere)"
    shown = list(candidates)[-SHOWN:]
    more = len(candidates) - len(shown)
    lines = [f"candidates ({len(candidates)}{f', newest {SHOWN} shown' if more else ''}):"]
    lines += [f"  - {message_line(message)}" for message in shown]
    return "\n".join(lines)


def not_one(filters: Mapping[str, Any], found: Sequence[Mapping[str, Any]],
            others: Sequence[Mapping[str, Any]]) -> str:
    """Why `messages.one` failed: none matched (then what there was), or several did."""
    if found:
        return (f"expected one message matching {filters_text(filters)}, found {len(found)}\n"
                + candidates_text(found))
    return (f"expected one message matching {filters_text(filters)}, found none\n"
            + candidates_text(others))


def timed_out(what: str, filters: Mapping[str, Any], timeout: float,
              candidates: Sequence[Mapping[str, Any]]) -> str:
    return (f"no {what} matching {filters_text(filters)} within {timeout:g}s\n"
            + candidates_text(candidates))


def violations_text(violations: Sequence[Mapping[str, Any]]) -> str:
    """Each violation: the rule it breaks, where, and the provider's own explanation."""
    lines = [f"{len(violations)} contract violation(s) in requests to the mock:"]
    for v in violations:
        field = f" (field {v['field']})" if v.get("field") else ""
        account = f" as {v['login']}" if v.get("login") else ""
        lines.append(f"  - rule {v['rule']}{field}: {v['message']}\n"
                     f"    in request {v['request_id']} to {v['provider']} {v['path']}{account}")
    return "\n".join(lines)
