"""Fixtures and scenario files (TOML, or the same shape as JSON) -> `Fixtures`, with clear
errors."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .core.accounts import Account
from .core.clock import ClockMode, parse_instant
from .core.state import Fixtures

TOP_LEVEL = {"clock", "delivery", "limits", "rates", "operators", "accounts", "rules", "faults"}


class FixtureError(ValueError):
    """A fixtures document that cannot be loaded; the message says where and why."""


def default_fixtures_path() -> Traversable:
    """The demo set shipped inside the package (found the same way installed or editable)."""
    return resources.files("mockserver") / "fixtures" / "default.toml"


def load_file(path: str | Path | Traversable) -> Fixtures:
    if isinstance(path, str):
        path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FixtureError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise FixtureError(f"{path}: not UTF-8 text (byte {exc.start}): a fixtures file is "
                           "TOML in UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FixtureError(f"{path}: not valid TOML: {exc}") from exc
    try:
        return parse(raw)
    except FixtureError as exc:
        raise FixtureError(f"{path}: {exc}") from exc


def load_files(paths: list[str | Path | Traversable]) -> Fixtures:
    """Several files, later ones on top of earlier ones."""
    merged = Fixtures()
    for path in paths:
        merge_into(merged, load_file(path))
    return merged


def merge_into(base: Fixtures, top: Fixtures) -> None:
    by_key = {(a["provider"], a["login"]): a for a in base.accounts}
    for account in top.accounts:
        by_key[(account["provider"], account["login"])] = account
    base.accounts = list(by_key.values())
    for channel, countries in top.rates.items():
        base.rates.setdefault(channel, {}).update(countries)
    for country, prefixes in top.operators.items():
        base.operators.setdefault(country, {}).update(prefixes)
    base.rules += top.rules
    base.faults += top.faults
    base.limits.update(top.limits)
    base.clock_start = top.clock_start or base.clock_start
    base.clock_mode = top.clock_mode or base.clock_mode
    if top.delivery_after_s is not None:
        base.delivery_after_s = top.delivery_after_s


def parse(raw: Mapping[str, Any]) -> Fixtures:
    """A plain mapping (from TOML or JSON) -> Fixtures; every account is checked here."""
    if not isinstance(raw, Mapping):
        raise FixtureError("a fixtures document is a table (object) at the top level")
    unknown = set(raw) - TOP_LEVEL
    if unknown:
        raise FixtureError(
            f"unknown top-level key(s) {sorted(unknown)}; known: {sorted(TOP_LEVEL)}")
    doc = Fixtures()
    clock = _table(raw, "clock")
    try:
        if "start" in clock:
            doc.clock_start = parse_instant(str(clock["start"]))
        if "mode" in clock:
            doc.clock_mode = ClockMode(clock["mode"])
    except ValueError as exc:
        raise FixtureError(f"[clock]: {exc}") from exc
    delivery = _table(raw, "delivery")
    if "after_s" in delivery:
        after = delivery["after_s"]
        if not isinstance(after, int | float) or after < 0:
            raise FixtureError("[delivery] after_s must be a number of seconds >= 0")
        doc.delivery_after_s = float(after)
    doc.limits = dict(_table(raw, "limits"))
    doc.rates = {k: dict(v) for k, v in _table(raw, "rates").items()}
    doc.operators = {k.lower(): {str(p): str(m) for p, m in v.items()}
                     for k, v in _table(raw, "operators").items()}
    doc.accounts = [_account(i, a) for i, a in enumerate(_list(raw, "accounts"))]
    doc.rules = [dict(r) for r in _list(raw, "rules")]
    doc.faults = [dict(f) for f in _list(raw, "faults")]
    return doc


def _account(index: int, raw: Any) -> dict[str, Any]:
    where = f"accounts[{index}]"
    if not isinstance(raw, Mapping):
        raise FixtureError(f"{where}: an account is a table")
    if "provider" not in raw or "login" not in raw:
        raise FixtureError(f"{where}: provider and login are required")
    try:
        Account.from_mapping(str(raw["provider"]), str(raw["login"]), raw)
    except (ValueError, KeyError) as exc:
        raise FixtureError(f"{where} ({raw.get('login')}): {exc}") from exc
    return dict(raw)


def _table(raw: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        raise FixtureError(f"[{key}] must be a table")
    return value


def _list(raw: Mapping[str, Any], key: str) -> list[Any]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise FixtureError(f"{key} must be an array of tables ([[{key}]])")
    return value
