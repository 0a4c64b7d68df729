"""Faults a test asks for: delays, error statuses, dropped connections, silence, garbage."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class FaultKind(StrEnum):
    DELAY = "delay"
    STATUS = "status"
    RESET = "reset"
    TIMEOUT = "timeout"
    GARBAGE = "garbage"


FAULT_MATCH_FIELDS = frozenset({"provider", "path", "method", "login"})


@dataclass(slots=True)
class FaultRule:
    id: int
    kind: FaultKind
    match: dict[str, str]
    delay_ms: int = 0
    status: int = 500
    probability: float = 1.0
    times: int | None = None  # None: fires for ever
    fired: int = 0

    @classmethod
    def from_mapping(cls, fault_id: int, raw: Mapping[str, Any]) -> FaultRule:
        try:
            kind = FaultKind(raw.get("kind"))
        except ValueError:
            raise ValueError(f"kind must be one of {[k.value for k in FaultKind]}") from None
        match = {str(k): str(v) for k, v in dict(raw.get("match") or {}).items()}
        unknown = set(match) - FAULT_MATCH_FIELDS
        if unknown:
            raise ValueError(f"unknown match field(s) {sorted(unknown)}")
        if "method" in match:
            match["method"] = match["method"].upper()
        delay_ms = raw.get("delay_ms", 0)
        status = raw.get("status", 500)
        # `rate` is the scenarios' word for the share of requests the fault hits.
        probability = raw.get("probability", raw.get("rate", 1.0))
        times = raw.get("times")
        if not isinstance(delay_ms, int) or delay_ms < 0:
            raise ValueError("delay_ms must be a whole number of milliseconds >= 0")
        if kind is FaultKind.DELAY and delay_ms == 0:
            raise ValueError("a delay fault needs delay_ms > 0")
        if not isinstance(status, int) or not 100 <= status <= 599:
            raise ValueError("status must be an HTTP status code")
        if not isinstance(probability, int | float) or not 0 <= probability <= 1:
            key = "probability" if "probability" in raw else "rate"
            raise ValueError(f"{key} must be between 0 and 1, not {probability!r}")
        if times is not None and (not isinstance(times, int) or times < 1):
            raise ValueError("times must be a whole number >= 1")
        return cls(fault_id, kind, match, delay_ms, status, float(probability), times)

    def to_mapping(self) -> dict[str, Any]:
        return {"id": self.id, "kind": str(self.kind), "match": self.match,
                "delay_ms": self.delay_ms, "status": self.status,
                "probability": self.probability, "times": self.times, "fired": self.fired}

    def matches(self, request: Mapping[str, str]) -> bool:
        if self.times is not None and self.fired >= self.times:
            return False
        return all(request.get(key, "") == value for key, value in self.match.items())


class FaultBook:
    def __init__(self, rng: random.Random | None = None) -> None:
        self.rules: list[FaultRule] = []
        self._ids = itertools.count(1)
        self._random = rng or random.Random()  # the mock's seeded random, shared

    def add_rule(self, raw: Mapping[str, Any]) -> FaultRule:
        rule = FaultRule.from_mapping(next(self._ids), raw)
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        self.rules.clear()

    def match_on(self, field: str) -> bool:
        """Whether any rule matches on `field` (so it is worth finding in the request)."""
        return any(field in rule.match for rule in self.rules)

    def pick(self, request: Mapping[str, str]) -> FaultRule | None:
        """The newest matching rule that fires this time (its probability rolled), if any."""
        for rule in reversed(self.rules):
            if rule.matches(request) and (rule.probability >= 1
                                          or self._random.random() < rule.probability):
                rule.fired += 1
                return rule
        return None
