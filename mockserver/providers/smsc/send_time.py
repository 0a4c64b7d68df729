"""send.php's `time` (when to send), `tz` and `valid` (how long the message lives).

`time` forms, as SMSC documents them:
  DDMMYYhhmm or DD.MM.YY hh:mm   a local date and time
  h1-h2                          a window of hours: before h1 wait for h1, inside send now,
                                 after h2 send at h1 the next day
  0ts                            a Unix timestamp
  +m                             m minutes from now ("+" sent as %2B)
`0`, an empty value or a time already past send at once. Local times are in the account's zone,
or Moscow time shifted by `tz` hours when `tz` is given."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo

MOSCOW = timezone(timedelta(hours=3))
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?")
_WINDOW = re.compile(r"(\d{1,2})-(\d{1,2})")
_TIMESTAMP = re.compile(r"0(\d+)")
_RELATIVE = re.compile(r"\+(\d+(?:\.\d+)?)")
_HOURS = re.compile(r"\d{1,2}")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
MAX_VALID_S = 24 * 3600


class BadTime(ValueError):
    """A `time` in none of the documented forms (send.php error 5)."""


class BadValidity(ValueError):
    """A `valid` outside 1..24 hours or 00:01..24:00."""


@dataclass(frozen=True, slots=True)
class Schedule:
    """When to send (`at` None: now), and what the client got wrong on the way ("" if nothing)."""

    at: datetime | None
    slip: str = ""


AT_ONCE = Schedule(None)

def zone_for(tz: str, account_zone: tzinfo) -> tzinfo:
    """`tz` is hours relative to Moscow; without it the account's own zone applies."""
    if not tz.strip():
        return account_zone
    try:
        shift = float(tz)
    except ValueError as exc:
        raise BadTime(f"tz {tz!r} is not a number of hours") from exc
    if not -24 < shift < 24:
        raise BadTime(f"tz {tz!r} is out of range")
    return timezone(timedelta(hours=3 + shift))


def _local(year: int, month: int, day: int, hour: int, minute: int, second: int,
           zone: tzinfo) -> datetime:
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError as exc:
        raise BadTime(str(exc)) from exc


def _window(h1: int, h2: int, now: datetime, zone: tzinfo) -> datetime | None:
    if not (0 <= h1 <= 24 and 0 <= h2 <= 24):
        raise BadTime("hours are 0..24")
    local = now.astimezone(zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    start = midnight + timedelta(hours=h1)
    if local < start:
        return start
    if local < midnight + timedelta(hours=h2):
        return None
    return start + timedelta(days=1)


def scheduled_at(raw: str, now: datetime, zone: tzinfo) -> Schedule:
    """When the message goes out; `at` is None for "now". Raises BadTime."""
    text, slip = raw.strip(), ""
    if raw.startswith(" ") and re.fullmatch(r"\d+(?:\.\d+)?", text):
        # "+5" sent unencoded arrives as " 5": what the client meant is plain.
        text, slip = "+" + text, "plus_not_encoded"
    if text in ("", "0"):
        return Schedule(None, slip)
    at = _parse(text, now, zone)
    if at is not None and at <= now:
        at = None
    return Schedule(at.astimezone(UTC) if at is not None else None, slip)


def _parse(text: str, now: datetime, zone: tzinfo) -> datetime | None:
    if m := _COMPACT.fullmatch(text):
        day, month, year, hour, minute = (int(g) for g in m.groups())
        if hour <= 24 and minute < 60 and 1 <= month <= 12 and 1 <= day <= 31:
            return _local(2000 + year, month, day, hour % 24, minute, 0, zone) + timedelta(
                days=hour // 24)
    if m := _DOTTED.fullmatch(text):
        day, month, year, hour, minute = (int(g) for g in m.groups()[:5])
        second = int(m.group(6) or 0)
        year = year + 2000 if year < 100 else year
        return _local(year, month, day, hour, minute, second, zone)
    if m := _WINDOW.fullmatch(text):
        return _window(int(m.group(1)), int(m.group(2)), now, zone)
    if m := _TIMESTAMP.fullmatch(text):
        try:
            return datetime.fromtimestamp(int(m.group(1)), UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise BadTime(str(exc)) from exc
    if m := _RELATIVE.fullmatch(text):
        minutes = float(m.group(1))
        if minutes > 366 * 24 * 60:
            raise BadTime("more than a year ahead")
        return now + timedelta(minutes=minutes)
    raise BadTime(f"time {text!r} is in none of the documented forms")


def validity_s(raw: str) -> int | None:
    """`valid` in seconds: 1..24 hours, or hh:mm from 00:01 to 24:00. None when not given."""
    text = raw.strip()
    if not text:
        return None
    if _HOURS.fullmatch(text):
        hours = int(text)
        if 1 <= hours <= 24:
            return hours * 3600
    elif m := _CLOCK.fullmatch(text):
        seconds = int(m.group(1)) * 3600 + int(m.group(2)) * 60
        if int(m.group(2)) < 60 and 60 <= seconds <= MAX_VALID_S:
            return seconds
    raise BadValidity(f"valid {raw!r} is not 1..24 hours or 00:01..24:00")
