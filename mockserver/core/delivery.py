"""The network, simulated: attempts start, get reports, expire, and cascade to the next channel."""

from __future__ import annotations

from collections.abc import Callable

from .accounts import AccountBook
from .billing import Channel, Pricing
from .clock import Scheduler
from .messages import FAILURES, ChannelAttempt, Message, Status, StatusChange
from .outcomes import OutcomePlanner

StatusListener = Callable[[Message, ChannelAttempt, StatusChange], None]

# How long the network may stay silent on a channel with no validity of its own before the
# attempt is given up as `unknown` (the fixtures' `[delivery] no_report_final_s`).
NO_REPORT_FINAL_S = 86400.0


class EventRefused(ValueError):
    """A forced event the attempt cannot take (not started yet, or already ended)."""


class DeliverySimulator:
    def __init__(self, scheduler: Scheduler, planner: OutcomePlanner, accounts: AccountBook,
                 pricing: Pricing) -> None:
        self.scheduler = scheduler
        self.planner = planner
        self.accounts = accounts
        self.pricing = pricing
        self.no_report_final_s = NO_REPORT_FINAL_S
        self.listeners: list[StatusListener] = []
        # Each pending timer holds its action and arguments until it runs: the actions bound
        # once here (a report's status in its action) and an attempt named by its place keep
        # that to one small tuple a timer.
        self._report_later = {status: self._reporter(status) for status in Status}
        self._delivered_later = self._delivered
        self._validity_later = self._validity_ended
        self._start_later = self._start_next

    @property
    def clock(self):
        return self.scheduler.clock

    # --- entry points ----------------------------------------------------------------------
    def submit(self, message: Message) -> None:
        """Hand a stored message to the network now, or when its scheduled time comes."""
        if message.scheduled_at is not None and message.scheduled_at > self.clock.now():
            self.scheduler.at(message.scheduled_at, self._start_later, message)
            return
        self._start_next(message)

    def report(self, message: Message, attempt: ChannelAttempt, status: Status) -> bool:
        """What the network says about an attempt; False when the attempt cannot take it."""
        if not attempt.accepts(status) or message.withdrawn:
            return False
        if status is Status.READ and attempt.status is Status.SENT:
            self._record(message, attempt, Status.DELIVERED)
        self._record(message, attempt, status)
        if status in FAILURES:
            self._start_next(message)
        return True

    def force(self, message: Message, channel: str, status: Status) -> None:
        attempt = message.attempt(channel)
        if attempt is None:
            raise EventRefused(f"the message has no {channel} channel")
        if not attempt.started:
            raise EventRefused(f"the {channel} channel has not been tried yet")
        if not attempt.accepts(status):
            raise EventRefused(
                f"the {channel} channel is {attempt.status}; it cannot become {status} now")
        self.report(message, attempt, status)

    # --- the cascade -----------------------------------------------------------------------
    def _start_next(self, message: Message) -> None:
        attempt = message.next_attempt()
        if attempt is None or message.withdrawn:
            return
        if attempt.cost is None and not message.virtual and not self._charge(message, attempt):
            self._record(message, attempt, Status.SENT)
            self.report(message, attempt, Status.REJECTED)
            return
        self._record(message, attempt, Status.SENT)
        if message.virtual:
            return
        self._plan(message, attempt)

    def _charge(self, message: Message, attempt: ChannelAttempt) -> bool:
        """An attempt is charged when it starts (a fallback, a scheduled message); False when
        it cannot be priced or paid."""
        account = self.accounts.get(message.provider, message.login)
        if account is None:
            return False
        cost = self.pricing.quote(account, attempt.channel, message.country, message.mnc,
                                  attempt.parts)
        if cost is None or not account.can_afford(cost):
            return False
        account.charge(cost)
        attempt.cost = cost
        return True

    def _plan(self, message: Message, attempt: ChannelAttempt) -> None:
        """Schedule what the network will say. Every attempt ends: a report, or the end of its
        validity (`expired`), or, on a channel with no validity, `unknown` once the network has
        been silent for `no_report_final_s`. `expired` never comes before the validity ends."""
        outcome = self.planner.plan(message, attempt)
        status, after_s = outcome.status, outcome.after_s
        ttl = attempt.ttl_s
        if ttl is not None:
            if status is None or status is Status.EXPIRED or ttl < after_s:
                # The end of the validity settles it.
                self.scheduler.after(ttl, self._validity_later, message, attempt.index)
                return
            if attempt.channel is Channel.VIBER and message.finale_read:
                # A report comes first, but a delivered message never read by then still
                # falls back to the next channel when the validity ends.
                self.scheduler.after(ttl, self._validity_later, message, attempt.index)
            # Otherwise the report comes first and settles the attempt: the end of its
            # validity would find nothing to do, so no timer is kept for it.
        elif status is None:
            self.scheduler.after(self.no_report_final_s, self._report_later[Status.UNKNOWN],
                                 message, attempt.index)
            return
        elif status is Status.EXPIRED:
            # No validity of its own: the attempt lapses at the mock's last word on silence.
            self.scheduler.after(self.no_report_final_s, self._report_later[Status.EXPIRED],
                                 message, attempt.index)
            return
        if status is Status.READ:
            # Read as long again after delivery: that timer is set when the delivery comes,
            # so a message waits on one timer at a time.
            if ttl is None or 2 * after_s <= ttl:
                self.scheduler.after(after_s, self._delivered_later, message, attempt.index,
                                     after_s)
                return
            status = Status.DELIVERED  # the validity ends before a read could come
        self.scheduler.after(after_s, self._report_later[status], message, attempt.index)

    def _reporter(self, status: Status) -> Callable[[Message, int], None]:
        def report_later(message: Message, index: int) -> None:
            self.report(message, ChannelAttempt(message, index), status)
        return report_later

    def _delivered(self, message: Message, index: int, read_after: float) -> None:
        attempt = ChannelAttempt(message, index)
        self.report(message, attempt, Status.DELIVERED)
        # Delivered now, or forced so earlier: either way the read receipt still comes.
        if attempt.accepts(Status.READ):
            self.scheduler.after(read_after, self._report_later[Status.READ], message, index)

    def _validity_ended(self, message: Message, index: int) -> None:
        attempt = ChannelAttempt(message, index)
        if attempt.status is Status.SENT:
            self.report(message, attempt, Status.EXPIRED)
        elif (attempt.status is Status.DELIVERED and attempt.channel is Channel.VIBER
              and message.finale_read):
            # Delivered but never read: with finale_viber_read this counts as not delivered.
            self._start_next(message)

    def _record(self, message: Message, attempt: ChannelAttempt, status: Status) -> None:
        change = StatusChange(status, self.clock.now())
        attempt.record(change)
        for listener in self.listeners:
            listener(message, attempt, change)
