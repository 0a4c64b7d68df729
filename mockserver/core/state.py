"""Everything one mock holds, wired together, and how it goes back to its starting point."""

from __future__ import annotations

import copy
import random
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any

from .accounts import Account, AccountBook, Authenticator, BruteForceGuard
from .billing import Pricing, RateCard
from .callbacks import CallbackDispatcher, Transport
from .clock import Clock, ClockMode, Scheduler
from .dedup import RepeatGuard
from .delivery import NO_REPORT_FINAL_S, DeliverySimulator
from .faults import FaultBook
from .inbound import InboundStore
from .journal import Journal
from .outcomes import OutcomePlanner
from .phones import PhoneAnalyzer
from .sending import SendService
from .store import DEFAULT_CAPACITY, MessageStore


@dataclass(slots=True)
class Limits:
    """The numbers the documents leave open (the fixtures' [limits] table)."""

    bruteforce_failures: int = 10
    bruteforce_window_s: float = 60
    bruteforce_block_s: float = 300
    repeat_window_s: float = 60
    journal_size: int = 10_000
    max_body_bytes: int = 1_048_576
    max_recipients: int = 1_000
    max_messages: int = DEFAULT_CAPACITY  # the store evicts the oldest settled ones past this
    extra: dict[str, Any] = field(default_factory=dict)  # provider-specific limits

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> Limits:
        known = {f.name for f in fields(cls)} - {"extra"}
        limits = cls(**{k: v for k, v in raw.items() if k in known})
        limits.extra = {k: v for k, v in raw.items() if k not in known}
        return limits


@dataclass(slots=True)
class Fixtures:
    """A fixtures or scenario document, parsed but not yet applied."""

    accounts: list[dict[str, Any]] = field(default_factory=list)
    rates: dict[str, Any] = field(default_factory=dict)
    operators: dict[str, dict[str, str]] = field(default_factory=dict)
    rules: list[dict[str, Any]] = field(default_factory=list)
    faults: list[dict[str, Any]] = field(default_factory=list)
    clock_start: datetime | None = None
    clock_mode: ClockMode | None = None
    delivery_after_s: float | None = None
    no_report_final_s: float | None = None
    limits: dict[str, Any] = field(default_factory=dict)
    seed: int | None = None  # [random] seed: weighted outcomes and fault rates repeat with it
    description: str = ""  # what a scenario puts the mock into


class MockState:
    """The core objects of one mock. Two mocks in one process share nothing."""

    def __init__(self, fixtures: Fixtures, clock_mode: ClockMode | None = None,
                 transport: Transport | None = None) -> None:
        self.fixtures = copy.deepcopy(fixtures)
        self.limits = Limits.from_mapping(fixtures.limits)
        self._start_mode = ClockMode(clock_mode or fixtures.clock_mode or ClockMode.REAL)
        # A real clock starts at wall-clock time with no offset; a frozen one at the fixtures'
        # [clock] start, or at boot time when there is none. Reset goes back to the same point.
        self._start_instant = None
        if self._start_mode is ClockMode.FROZEN:
            self._start_instant = fixtures.clock_start or Clock().now()
        self.clock = Clock(self._start_mode, self._start_instant)
        self.scheduler = Scheduler(self.clock)
        self.accounts = AccountBook()
        limits = self.limits
        self.guard = BruteForceGuard(self.clock, limits.bruteforce_failures,
                                     limits.bruteforce_window_s, limits.bruteforce_block_s)
        self.auth = Authenticator(self.accounts, self.guard)
        self.pricing = Pricing()
        self.analyzer = PhoneAnalyzer()
        # Every draw the mock makes comes from this one generator, so a seed repeats a run.
        # Without a [random] seed one is picked, and shown, so that a run can still be repeated.
        self.start_seed = fixtures.seed if fixtures.seed is not None else secrets.randbits(32)
        self.seed = self.start_seed
        self.random = random.Random(self.seed)
        self.planner = OutcomePlanner(random=self.random)
        self.messages = MessageStore(self.limits.max_messages)
        self.inbound = InboundStore()  # what recipients answered
        self.simulator = DeliverySimulator(self.scheduler, self.planner, self.accounts,
                                           self.pricing)
        self.repeats = RepeatGuard(self.clock, self.limits.repeat_window_s)
        self.sending = SendService(self.clock, self.messages, self.analyzer, self.pricing,
                                   self.simulator, self.repeats)
        self.journal = Journal(self.limits.journal_size)
        self.faults = FaultBook(self.random)
        self.callbacks = CallbackDispatcher(self.scheduler, transport)
        # State an edge keeps beside the core (e.g. sender-name codes), by the edge's name.
        self.extensions: dict[str, Any] = {}
        self._reset_hooks: list[Callable[[], None]] = []
        self._apply(self.fixtures, initial=True)

    def load_scenario(self, scenario: Fixtures) -> None:
        """A scenario on top of the current state: accounts put, rates merged, rules added."""
        self._apply(scenario, initial=False)

    def _apply(self, doc: Fixtures, initial: bool) -> None:
        # Build everything first, so that a bad document changes nothing.
        accounts = [self._account_on_top(raw, initial) for raw in doc.accounts]
        rates = None
        if doc.rates:
            merged = {} if initial else self.pricing.default_rates.to_mapping()
            for channel, countries in doc.rates.items():  # by key, down to the operator
                for country, prices in countries.items():
                    table = merged.setdefault(channel, {})
                    known = table.get(country)
                    table[country] = ({**known, **prices} if isinstance(known, Mapping)
                                      and isinstance(prices, Mapping) else prices)
            rates = RateCard.from_mapping(merged)
        # The trial books only check the rules and never draw: given the mock's generator,
        # they skip seeding one from the OS (slow on a busy machine; each reset runs this).
        trial_planner = OutcomePlanner(random=self.random)
        trial_faults = FaultBook(self.random)
        for raw in doc.rules:
            trial_planner.add_rule(raw)
        for raw in doc.faults:
            trial_faults.add_rule(raw)

        for account in accounts:
            self.accounts.put(account)
        if rates is not None:
            self.pricing.default_rates = rates
        self.analyzer.set_operators(doc.operators)
        for raw in doc.rules:
            self.planner.add_rule(raw)
        for raw in doc.faults:
            self.faults.add_rule(raw)
        if doc.delivery_after_s is not None:
            self.planner.default_after_s = float(doc.delivery_after_s)
        if doc.no_report_final_s is not None:
            self.simulator.no_report_final_s = doc.no_report_final_s
        if not initial and doc.clock_start is not None and doc.clock_start > self.clock.now():
            self.scheduler.set(doc.clock_start)
        if doc.seed is not None:
            self.seed = doc.seed
            self.random.seed(doc.seed)
        if doc.limits and not initial:
            self._set_limits(Limits.from_mapping({**_limit_values(self.limits), **doc.limits}))

    def _set_limits(self, limits: Limits) -> None:
        """The guard and repeat window follow the limits (a scenario may tighten them)."""
        self.guard.failures = limits.bruteforce_failures
        self.guard.window = timedelta(seconds=limits.bruteforce_window_s)
        self.guard.block = timedelta(seconds=limits.bruteforce_block_s)
        self.repeats.window = timedelta(seconds=limits.repeat_window_s)

    def _account_on_top(self, raw: Mapping[str, Any], initial: bool) -> Account:
        """A scenario changes the fields it names of an account that exists; the rest stay."""
        existing = None if initial else self.accounts.get(raw["provider"], raw["login"])
        fields = {**existing.to_mapping(), **raw} if existing is not None else raw
        return Account.from_mapping(raw["provider"], raw["login"], fields)

    def on_reset(self, hook: Callable[[], None]) -> None:
        """Register how an edge clears its own state on reset."""
        self._reset_hooks.append(hook)

    def reset_account(self, provider: str, login: str) -> bool:
        """One account back to its start: its messages and journal entries gone, its balance
        as when it was put. Nothing else changes; False when there is no such account."""
        account = self.accounts.get(provider, login)
        if account is None:
            return False
        self.messages.forget(provider, login)
        self.journal.forget(provider, login)
        self.accounts.restore_balance(account)
        return True

    def reset(self) -> None:
        """Back to the state loaded at start: fixtures' accounts, empty logs, the clock's start."""
        self.scheduler.clear()
        self.clock.restart(self._start_mode, self._start_instant)
        self.accounts.clear()
        self.guard.clear()
        self.repeats.clear()
        self.messages.clear()
        self.inbound.clear()
        self.journal.clear()
        self.planner.clear()
        self.planner.default_after_s = OutcomePlanner(random=self.random).default_after_s
        self.simulator.no_report_final_s = NO_REPORT_FINAL_S
        self.faults.clear()
        self.callbacks.clear()
        self.pricing.default_rates = RateCard()
        self.analyzer.clear_operators()
        self._set_limits(self.limits)
        self.seed = self.start_seed
        self.random.seed(self.start_seed)
        self._apply(self.fixtures, initial=True)
        for hook in self._reset_hooks:
            hook()


def _limit_values(limits: Limits) -> dict[str, Any]:
    return {f.name: getattr(limits, f.name) for f in fields(limits) if f.name != "extra"}
