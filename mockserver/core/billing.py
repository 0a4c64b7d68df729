"""Prices per message part, keyed by channel, country and operator, all in `Decimal`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any


class Channel(StrEnum):
    VIBER = "viber"
    VK = "vk"
    SMS = "sms"
    MMS = "mms"
    HLR = "hlr"  # a number lookup, billed as one message
    CALL = "call"  # a voice message
    MAIL = "mail"  # an e-mail
    TELEGRAM = "telegram"


ANY_OPERATOR = ""


def to_decimal(value: object) -> Decimal:
    """A money amount from a fixture or control-plane value; floats go through str()."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal amount: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    return amount


@dataclass(slots=True)
class RateCard:
    """{channel: {country: {mnc: price}}}; the "" MNC prices any operator of that country."""

    prices: dict[str, dict[str, dict[str, Decimal]]] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Mapping[str, Mapping[str, object]]]) -> RateCard:
        prices: dict[str, dict[str, dict[str, Decimal]]] = {}
        for channel, countries in raw.items():
            Channel(channel)  # a typo in a fixture is an error, not a silently free channel
            prices[channel] = {
                country.lower(): {str(mnc): to_decimal(price) for mnc, price in operators.items()}
                for country, operators in countries.items()
            }
        return cls(prices)

    def to_mapping(self) -> dict[str, dict[str, dict[str, str]]]:
        return {
            channel: {
                country: {mnc: str(price) for mnc, price in operators.items()}
                for country, operators in countries.items()
            }
            for channel, countries in self.prices.items()
        }

    def price(self, channel: str, country: str, mnc: str = ANY_OPERATOR) -> Decimal | None:
        """Price of one part, or None when the card has no route to that country."""
        operators = self.prices.get(channel, {}).get(country)
        if not operators:
            return None
        if mnc and mnc in operators:
            return operators[mnc]
        return operators.get(ANY_OPERATOR)

    def __bool__(self) -> bool:
        return bool(self.prices)


MAX_SHARED_PRICES = 4096


class Pricing:
    """Prices an attempt from the account's own rates, or the fixtures' default rates.

    A provider that keeps money in whole minor units (its wire writes no finer amount) has a
    money step: its accounts' prices are rounded half-up to that step, so that every charge,
    and a balance that starts whole, stays whole."""

    def __init__(self, default_rates: RateCard | None = None) -> None:
        self.default_rates = default_rates or RateCard()
        self.money_steps: dict[str, Decimal] = {}  # provider -> smallest amount it keeps
        # The few distinct prices a run charges, each one Decimal shared by every message
        # that costs it (keyed by digits and exponent: 0.30 and 0.3 stay apart).
        self._shared: dict[tuple, Decimal] = {}

    def rates_for(self, account: Any) -> RateCard:
        return account.rates if account.rates is not None else self.default_rates

    def quote(self, account: Any, channel: str, country: str, mnc: str, parts: int
              ) -> Decimal | None:
        """parts x rate, or None when the account has no route to that country on that channel."""
        price = self.rates_for(account).price(channel, country, mnc)
        if price is None:
            return None
        step = self.money_steps.get(str(account.provider))
        if step is not None:
            price = price.quantize(step, ROUND_HALF_UP)
        cost = price * parts
        shared = self._shared.get(key := cost.as_tuple())
        if shared is None and len(self._shared) < MAX_SHARED_PRICES:
            self._shared[key] = shared = cost
        return shared if shared is not None else cost
