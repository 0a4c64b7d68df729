"""The demo SMSC account, priced as the document's own examples are (1.40 a part in Russia)."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest

from mockserver.core.billing import RateCard


@pytest.fixture
def demo(state):
    account = state.accounts.get("smsc", "demo")
    account.rates = RateCard.from_mapping({
        "sms": {"ru": {"": "1.40"}, "ua": {"": "0.90"}},
        "viber": {"ru": {"": "0.80"}},
    })
    account.balance = Decimal("101.90")  # one part later it is 100.50, as in the examples
    return account


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(scope="module")
def server_errors():
    """What the mock logged as its own failure (a handler that raised): must stay empty."""
    errors = _Errors()
    logging.getLogger("mockserver").addHandler(errors)
    yield errors.records
    logging.getLogger("mockserver").removeHandler(errors)
