"""What a phone number says about itself: country, MCC and (through the fixtures' prefix table)
operator. phonenumbers does the country; mobile-codes maps the country to its MCC."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import mobile_codes

if TYPE_CHECKING:
    import phonenumbers


@dataclass(frozen=True, slots=True)
class PhoneInfo:
    number: str  # digits only, international form without "+"
    country: str  # ISO 3166 alpha-2, lower case ("ru")
    mcc: str  # "250"
    mnc: str  # "" when no operator prefix matches


def normalize(raw: str) -> str:
    """The digits a client meant: "+7 (900) 123-45-67" -> "79001234567"."""
    return "".join(ch for ch in raw if ch.isdigit())


def _parsed(number: str) -> phonenumbers.PhoneNumber | None:
    """E.164 digits -> PhoneNumber without phonenumbers.parse (several times faster):
    calling codes are prefix-free, so the first 1..3 digits that name one are it."""
    import phonenumbers

    for length in (1, 2, 3):
        code = int(number[:length])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            national = number[length:]
            if not national:
                return None
            zeros = len(national) - len(national.lstrip("0"))
            return phonenumbers.PhoneNumber(
                country_code=code, national_number=int(national or "0"),
                italian_leading_zero=zeros > 0 or None,
                number_of_leading_zeros=zeros if zeros > 1 else None)
    return None


def _country_of(number: str) -> str | None:
    # Most calling codes belong to one country: then the code alone says it, whatever the
    # rest of the number (an invalid number is priced at its code's main country anyway).
    # phonenumbers loads on the first number (about 60 ms), not while the mock starts.
    from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

    for length in (1, 2, 3):
        code = int(number[:length])
        regions = COUNTRY_CODE_TO_REGION_CODE.get(code)
        if regions is not None:
            break
    else:
        return None
    national = number[length:]
    if len(regions) == 1 and national:
        return None if regions[0] == "001" else regions[0]
    if not national.strip("0"):
        return _validated_country_of(number)  # no digits to tell by
    return _shared_code_country_of(code, national, number)


def _shared_code_country_of(code: int, national: str, number: str) -> str | None:
    """The region of a number whose calling code several regions share, decided as
    phonenumbers decides it: the regions in its order, each claiming the national numbers its
    leading digits match. Only a region without leading digits (US before Canada, GB before
    Jersey) needs the number validated; most codes (+7 for Russia and Kazakhstan) never do.
    `national` holds a digit other than 0, so it is phonenumbers' national significant
    number as it stands."""
    for region, claims in _claims(code):
        if claims is None:
            return _validated_country_of(number)
        if claims.match(national):
            return region
    return _main_country(code)


@lru_cache(maxsize=64)
def _claims(code: int) -> tuple[tuple[str, re.Pattern[str] | None], ...]:
    """A shared calling code's regions in phonenumbers' order, each with the pattern of the
    leading digits of the national numbers it claims (None: it claims the valid ones)."""
    from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata

    claims = []
    for region in COUNTRY_CODE_TO_REGION_CODE[code]:
        metadata = PhoneMetadata.metadata_for_region(region.upper(), None)
        if metadata is None:
            continue
        pattern = metadata.leading_digits
        claims.append((region, re.compile(pattern) if pattern is not None else None))
    return tuple(claims)


@lru_cache(maxsize=64)
def _main_country(code: int) -> str | None:
    """An invalid number is priced at its code's main country, as gateways do (the IntelTele
    document prices 7123456789 as "ru")."""
    import phonenumbers

    region = phonenumbers.region_code_for_country_code(code)
    return None if region in (None, "ZZ", "001") else region


@lru_cache(maxsize=4096)
def _validated_country_of(number: str) -> str | None:
    """phonenumbers' own answer: an exact match when the number is valid, else the main
    country of its calling code."""
    import phonenumbers

    parsed = _parsed(number)
    if parsed is None:
        return None
    region = phonenumbers.region_code_for_number(parsed)
    if region is None or region == "001":
        return _main_country(parsed.country_code)
    return None if region in ("ZZ", "001") else region


@lru_cache(maxsize=512)
def mcc_of(country: str) -> str:
    try:
        found = mobile_codes.alpha2(country.upper())
    except KeyError:
        return ""
    mcc = found.mcc
    if isinstance(mcc, list):
        mcc = min(mcc) if mcc else ""
    return mcc or ""


class PhoneAnalyzer:
    """Turns a number into `PhoneInfo`, or None when its country cannot be told."""

    def __init__(self, operator_prefixes: dict[str, dict[str, str]] | None = None) -> None:
        # country -> (prefix -> MNC, the prefix lengths longest first)
        self._prefixes: dict[str, tuple[dict[str, str], list[int]]] = {}
        self.set_operators(operator_prefixes or {})

    def set_operators(self, operator_prefixes: dict[str, dict[str, str]]) -> None:
        """{"ru": {"7900": "01"}}: number prefixes (with the calling code) -> MNC; merged in."""
        for country, table in operator_prefixes.items():
            merged = dict(self._prefixes.get(country.lower(), ({}, []))[0])
            merged.update({str(prefix): str(mnc) for prefix, mnc in table.items()})
            lengths = sorted({len(prefix) for prefix in merged}, reverse=True)
            self._prefixes[country.lower()] = (merged, lengths)

    def clear_operators(self) -> None:
        self._prefixes.clear()

    def analyze(self, raw: str) -> PhoneInfo | None:
        number = raw.strip().removeprefix("+")
        if not (number.isascii() and number.isdigit() and 7 <= len(number) <= 15):
            return None
        region = _country_of(number)
        if region is None:
            return None
        country = region.lower()
        return PhoneInfo(number, country, mcc_of(country), self._mnc_of(country, number))

    def _mnc_of(self, country: str, number: str) -> str:
        """The MNC of the longest matching prefix, "" when none matches."""
        table, lengths = self._prefixes.get(country, ({}, ()))
        for length in lengths:
            mnc = table.get(number[:length])
            if mnc is not None:
                return mnc
        return ""
