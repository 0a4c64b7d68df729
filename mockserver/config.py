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
from .core.clock import ClockMode, check_instant, parse_instant
from .core.faults import FaultRule
from .core.outcomes import OutcomeRule
from .core.state import Fixtures
from .schemas import DocumentError, show, validate


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
    except RecursionError as exc:
        raise FixtureError(f"{path}: nested too deeply to be a fixtures file") from exc
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


def parse(raw: Any) -> Fixtures:
    """A plain mapping (from TOML or JSON) -> Fixtures, checked against the one fixtures schema
    (the one the OpenAPI document publishes as Scenario), then against the core's own rules."""
    try:
        raw = validate("Scenario", raw)
    except DocumentError as exc:
        raise FixtureError(str(exc)) from exc
    doc = Fixtures()
    clock = _table(raw, "clock")
    try:
        if "start" in clock:
            doc.clock_start = check_instant(parse_instant(clock["start"]))
        if "mode" in clock:
            doc.clock_mode = ClockMode(clock["mode"])
    except ValueError as exc:
        raise FixtureError(f"clock.start: {show(clock.get('start'))}: {exc}") from exc
    delivery = _table(raw, "delivery")
    if "after_s" in delivery:
        doc.delivery_after_s = float(delivery["after_s"])
    doc.limits = dict(_table(raw, "limits"))
    doc.rates = {k: dict(v) for k, v in _table(raw, "rates").items()}
    doc.operators = {k.lower(): {str(p): str(m) for p, m in v.items()}
                     for k, v in _table(raw, "operators").items()}
    doc.accounts = [_account(i, a) for i, a in enumerate(_list(raw, "accounts"))]
    doc.rules = [_checked("rules", i, r, OutcomeRule) for i, r in enumerate(_list(raw, "rules"))]
    doc.faults = [_checked("faults", i, f, FaultRule) for i, f in enumerate(_list(raw, "faults"))]
    return doc


def _checked(key: str, index: int, raw: dict[str, Any], kind: Any) -> dict[str, Any]:
    """A rule or fault the core itself accepts (what a schema cannot say, e.g. a delay of 0)."""
    try:
        kind.from_mapping(0, raw)
    except ValueError as exc:
        raise FixtureError(f"{key}[{index}]: {exc}") from exc
    return dict(raw)


def _account(index: int, raw: Mapping[str, Any]) -> dict[str, Any]:
    try:
        Account.from_mapping(str(raw["provider"]), str(raw["login"]), raw)
    except (ValueError, KeyError) as exc:
        raise FixtureError(f"accounts[{index}] ({raw.get('login')}): {exc}") from exc
    return dict(raw)


def _table(raw: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    return raw.get(key, {})


def _list(raw: Mapping[str, Any], key: str) -> list[Any]:
    return raw.get(key, [])
