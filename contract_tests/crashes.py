"""Seeing the mock crash: the provider middleware answers a handler's exception with the
provider's internal-error reply (never a bare 500), which hides it from "never a 500"
properties. It logs the exception too; this watch collects those logs so that a test can fail
on them (the autouse `crash_watch` fixture does, after every contract test)."""

from __future__ import annotations

import logging
import traceback

import pytest
from aiohttp.http_exceptions import HttpProcessingError

# The mock's own loggers (middleware, scheduler, server) and aiohttp's, which logs a handler's
# exception outside the provider paths before answering 500.
WATCHED = ("mockserver", "aiohttp.server", "aiohttp.web")


class BrokenOnPurpose(RuntimeError):
    """Raised by a test that breaks the mock on purpose to see its internal-error reply."""


class CrashWatch(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        exc = record.exc_info[1] if record.exc_info else None
        # A malformed request refused by the HTTP parser is the client's error, not a crash.
        if isinstance(exc, HttpProcessingError | BrokenOnPurpose):
            return
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        """The crashes seen so far, forgotten (a test that expects one takes it)."""
        taken, self.records = self.records, []
        return taken

    def check(self) -> None:
        crashes = self.take()
        if crashes:
            pytest.fail("the mock logged an unexpected exception:\n\n" + "\n".join(
                f"{record.getMessage()}\n" + "".join(traceback.format_exception(
                    *record.exc_info)) if record.exc_info else record.getMessage()
                for record in crashes), pytrace=False)

    def __enter__(self) -> CrashWatch:
        for name in WATCHED:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for name in WATCHED:
            logging.getLogger(name).removeHandler(self)
