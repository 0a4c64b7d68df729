"""What the network will say about an attempt: rules set by the test, then magic numbers, then
the default (delivered shortly after sending)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .billing import Channel
from .messages import REPORTS, ChannelAttempt, Message, Status

# "none": the network never reports; the attempt stays `sent` until its validity ends (then
# `expired`), or, with no validity, until the simulator gives it up as `unknown`.
NO_REPORT = "none"
OUTCOMES = frozenset({str(status) for status in REPORTS} | {NO_REPORT})
MATCH_FIELDS = frozenset({"phone", "phone_prefix", "provider", "login", "channel"})


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status | None  # None: no report ever
    after_s: float


# Numbers that behave a documented way with no set-up, like a card network's test cards.
# Keys are the number's digits; values name the outcome per channel ("*" = any channel).
MAGIC_NUMBERS: dict[str, dict[str, str]] = {
    "79990000001": {"viber": "undelivered", "vk": "undelivered", "*": "delivered"},
    "79990000002": {"*": "undelivered"},
    "79990000003": {"*": "expired"},
    "79990000004": {"*": "rejected"},
    "79990000005": {"viber": "read", "*": "delivered"},
    "79990000006": {"*": NO_REPORT},
    "79990000007": {"*": "unknown"},
    "79990000008": {"*": "deleted"},
}


def _check_outcome(value: str) -> str:
    if value not in OUTCOMES:
        raise ValueError(f"unknown outcome {value!r}; one of {sorted(OUTCOMES)}")
    return value


# One outcome ("delivered") or weights to draw it from ({"delivered": 0.7, "undelivered": 0.3}).
Choice = str | dict[str, float]


def _check_choice(channel: str, value: Any) -> Choice:
    if not isinstance(value, Mapping):
        return _check_outcome(str(value))
    if not value:
        raise ValueError(f"outcome.{channel}: weights need at least one outcome")
    weights = {}
    for name, weight in value.items():
        _check_outcome(str(name))
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise ValueError(f"outcome.{channel}.{name}: a weight is a number >= 0, "
                             f"not {weight!r}")
        weights[str(name)] = float(weight)
    if sum(weights.values()) <= 0:
        raise ValueError(f"outcome.{channel}: the weights add up to nothing")
    return weights


def draw(choice: Choice, rng: random.Random) -> str:
    """The outcome itself, or one drawn by weight (one draw from the mock's seeded random)."""
    if isinstance(choice, str):
        return choice
    point = rng.random() * sum(choice.values())
    for name, weight in choice.items():
        point -= weight
        if point < 0:
            return name
    return next(reversed(choice))


@dataclass(slots=True)
class OutcomeRule:
    id: int
    match: dict[str, str]
    outcome: dict[str, Choice]
    after_s: float | None = None
    created: int = 0

    @classmethod
    def from_mapping(cls, rule_id: int, raw: Mapping[str, Any]) -> OutcomeRule:
        match = dict(raw.get("match") or {})
        unknown = set(match) - MATCH_FIELDS
        if unknown:
            raise ValueError(
                f"unknown match field(s) {sorted(unknown)}; use {sorted(MATCH_FIELDS)}")
        outcome = raw.get("outcome")
        if not isinstance(outcome, Mapping) or not outcome:
            raise ValueError('outcome must be an object like {"sms": "delivered"}')
        choices = {}
        for channel, value in outcome.items():
            if channel != "*":
                Channel(channel)
            choices[str(channel)] = _check_choice(str(channel), value)
        after_s = raw.get("after_s")
        if after_s is not None and (not isinstance(after_s, int | float) or after_s < 0):
            raise ValueError("after_s must be a number of seconds >= 0")
        return cls(rule_id, {k: str(v) for k, v in match.items()}, choices, after_s)

    def to_mapping(self) -> dict[str, Any]:
        return {"id": self.id, "match": self.match, "outcome": self.outcome,
                "after_s": self.after_s}

    def applies_to(self, message: Message, attempt: ChannelAttempt) -> bool:
        m = self.match
        return (
            ("phone" not in m or m["phone"].lstrip("+") == message.phone)
            and ("phone_prefix" not in m or message.phone.startswith(m["phone_prefix"].lstrip("+")))
            and ("provider" not in m or m["provider"] == message.provider)
            and ("login" not in m or m["login"] == message.login)
            and ("channel" not in m or m["channel"] == attempt.channel)
        )


def _status_of(value: str) -> Status | None:
    return None if value == NO_REPORT else Status(value)


@dataclass(slots=True)
class OutcomePlanner:
    default_after_s: float = 2.0
    rules: list[OutcomeRule] = field(default_factory=list)
    _ids: Any = field(default_factory=lambda: itertools.count(1))
    # The mock's seeded random (MockState's), so that weighted outcomes repeat with the seed.
    random: random.Random = field(default_factory=random.Random)

    def add_rule(self, raw: Mapping[str, Any]) -> OutcomeRule:
        rule = OutcomeRule.from_mapping(next(self._ids), raw)
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        self.rules.clear()

    def plan(self, message: Message, attempt: ChannelAttempt) -> Outcome:
        for rule in reversed(self.rules):  # newest first
            if rule.applies_to(message, attempt):
                choice = rule.outcome.get(attempt.channel, rule.outcome.get("*"))
                after = self.default_after_s if rule.after_s is None else rule.after_s
                if choice is not None:
                    return Outcome(_status_of(draw(choice, self.random)), after)
                return Outcome(Status.DELIVERED, after)
        magic = MAGIC_NUMBERS.get(message.phone)
        if magic is not None:
            named = magic.get(attempt.channel, magic.get("*", "delivered"))
            return Outcome(_status_of(named), self.default_after_s)
        return Outcome(Status.DELIVERED, self.default_after_s)
