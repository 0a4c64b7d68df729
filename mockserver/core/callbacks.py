"""Delivery reports pushed to the client's URL, in the background, retried on the mock clock."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .clock import ScheduledEvent, Scheduler, format_instant

RETRY_AFTER_S = (1, 5, 30, 120, 600)
PUSH_TIMEOUT_S = 5.0

# Sends one push; returns the answer's HTTP status or raises on a network failure or timeout.
Transport = Callable[[str, str, dict[str, str], float], Awaitable[int]]


class WebhookState(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    RETRYING = "retrying"
    GIVEN_UP = "given_up"
    DROPPED = "dropped"  # the outgoing queue was full


@dataclass(slots=True)
class PushAttempt:
    at: datetime
    status: int | None
    error: str = ""

    def to_mapping(self) -> dict[str, Any]:
        return {"at": format_instant(self.at), "status": self.status, "error": self.error}


@dataclass(slots=True)
class Webhook:
    id: int
    message_id: str
    provider: str
    url: str
    method: str
    params: dict[str, str]
    created_at: datetime
    state: WebhookState = WebhookState.PENDING
    attempts: list[PushAttempt] = field(default_factory=list)

    def to_mapping(self) -> dict[str, Any]:
        return {"id": self.id, "message_id": self.message_id, "provider": self.provider,
                "url": self.url, "method": self.method, "params": self.params,
                "created_at": format_instant(self.created_at), "state": str(self.state),
                "attempts": [attempt.to_mapping() for attempt in self.attempts]}


class CallbackDispatcher:
    def __init__(self, scheduler: Scheduler, transport: Transport | None = None,
                 queue_size: int = 10_000, log_size: int = 10_000) -> None:
        self.scheduler = scheduler
        self.transport = transport
        self._ids = itertools.count(1)
        self._queue_size = queue_size
        self._queue: asyncio.Queue[Webhook] | None = None
        self._log_size = log_size
        self.log: dict[int, Webhook] = {}
        self._generation = 0  # bumped by clear(), so pushes from before a reset are dropped
        self._retries: dict[int, ScheduledEvent] = {}  # webhook id -> its next retry

    def push(self, message_id: str, provider: str, url: str, method: str,
             params: dict[str, str]) -> Webhook:
        webhook = Webhook(next(self._ids), message_id, provider, url, method.upper(), params,
                          self.scheduler.clock.now())
        self.log[webhook.id] = webhook
        while len(self.log) > self._log_size:
            del self.log[next(iter(self.log))]
        self._enqueue(webhook)
        return webhook

    def clear(self) -> None:
        """Forget every push, and stop the ones queued, in flight or waiting for a retry."""
        self.log.clear()
        self._generation += 1
        for retry in self._retries.values():
            retry.cancel()
        self._retries.clear()
        if self._queue is not None:
            while not self._queue.empty():
                self._queue.get_nowait()

    def _enqueue(self, webhook: Webhook) -> None:
        if self._queue is None:
            self._queue = asyncio.Queue(self._queue_size)
        try:
            self._queue.put_nowait(webhook)
        except asyncio.QueueFull:
            webhook.state = WebhookState.DROPPED

    async def run(self, workers: int = 4) -> None:
        """Background workers that send queued pushes; cancel to stop."""
        if self._queue is None:
            self._queue = asyncio.Queue(self._queue_size)
        await asyncio.gather(*(self._worker() for _ in range(workers)))

    async def _worker(self) -> None:
        assert self._queue is not None
        while True:
            webhook = await self._queue.get()
            generation = self._generation
            await self._attempt(webhook)
            if generation != self._generation:
                continue
            self._after_attempt(webhook)

    async def _attempt(self, webhook: Webhook) -> None:
        at = self.scheduler.clock.now()
        if self.transport is None:
            webhook.attempts.append(PushAttempt(at, None, "no transport configured"))
            return
        try:
            status = await self.transport(webhook.url, webhook.method, webhook.params,
                                          PUSH_TIMEOUT_S)
        except TimeoutError:
            webhook.attempts.append(PushAttempt(at, None, "no answer in 5 s"))
        except Exception as exc:  # any network failure counts as a failed push
            webhook.attempts.append(PushAttempt(at, None, f"{type(exc).__name__}: {exc}"))
        else:
            webhook.attempts.append(PushAttempt(at, status))

    def _after_attempt(self, webhook: Webhook) -> None:
        last = webhook.attempts[-1]
        if last.status is not None and 200 <= last.status < 300:
            webhook.state = WebhookState.DELIVERED
            return
        failures = len(webhook.attempts)
        if failures > len(RETRY_AFTER_S):
            webhook.state = WebhookState.GIVEN_UP
            return
        webhook.state = WebhookState.RETRYING
        self._retries[webhook.id] = self.scheduler.after(
            RETRY_AFTER_S[failures - 1], lambda: self._retry(webhook))

    def _retry(self, webhook: Webhook) -> None:
        self._retries.pop(webhook.id, None)
        self._enqueue(webhook)
