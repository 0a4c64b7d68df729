"""Fixtures and scenario files (TOML, or the same shape as JSON) -> `Fixtures`, with clear
errors."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .core.accounts import Account
from .core.clock import ClockMode, parse_instant
from .core.faults import FaultRule
from .core.outcomes import OutcomeRule
from .core.state import Fixtures
from .edge import ProviderEdge, check_callback

TOP_LEVEL = {"clock", "delivery", "limits", "rates", "operators", "accounts", "rules", "faults",
             "random", "description"}


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
    except tomllib.TOMLDecodeError as exc:
        raise FixtureError(f"{path}: not valid TOML: {' '.join(str(exc).split())}") from exc
    try:
        doc = parse(raw)
        _check_rules(doc)
    except FixtureError as exc:
        raise FixtureError(f"{path}: {exc}") from exc
    return doc


def _check_rules(doc: Fixtures) -> None:
    """Rules and faults are checked when the file loads, so that the error names the file."""
    for key, kind in (("rules", OutcomeRule), ("faults", FaultRule)):
        for index, raw in enumerate(getattr(doc, key)):
            try:
                kind.from_mapping(0, raw)
            except (ValueError, TypeError) as exc:
                raise FixtureError(f"{key}[{index}]: {exc}") from exc


def load_files(paths: list[str | Path | Traversable]) -> Fixtures:
    """Several files, later ones on top of earlier ones."""
    merged = Fixtures()
    for path in paths:
        merge_into(merged, load_file(path))
    return merged


def load_layers(paths: list[str | Path | Traversable] | None = None,
                scenarios: list[str] | None = None, demo: bool = True) -> Fixtures:
    """The demo set (unless `demo` is False), then each fixtures file, then each scenario (a
    shipped name or a path), each on top of what came before."""
    layers: list[str | Path | Traversable] = [default_fixtures_path()] if demo else []
    layers += list(paths or [])
    layers += [scenario_path(name) for name in scenarios or []]
    return load_files(layers)


def scenarios_dir() -> Traversable:
    return resources.files("mockserver") / "fixtures" / "scenarios"


def shipped_scenarios() -> dict[str, Traversable]:
    """The scenarios that ship with the package, by name (the file name without .toml)."""
    found = {entry.name.removesuffix(".toml"): entry for entry in scenarios_dir().iterdir()
             if entry.name.endswith(".toml")}
    return dict(sorted(found.items()))


def scenario_document(name: str) -> dict[str, Any]:
    """The raw document of a shipped scenario (for POST /__admin/scenario {"name": ...})."""
    shipped = shipped_scenarios()
    if name not in shipped:
        raise FixtureError(f"no shipped scenario {name!r} (shipped: {', '.join(shipped)})")
    return tomllib.loads(shipped[name].read_text(encoding="utf-8"))


def scenario_path(name_or_path: str) -> str | Path | Traversable:
    """A shipped scenario by name, or a scenario file by path."""
    shipped = shipped_scenarios()
    if name_or_path in shipped:
        return shipped[name_or_path]
    if Path(name_or_path).is_file():
        return name_or_path
    raise FixtureError(f"scenario {name_or_path!r}: neither a file nor a shipped scenario "
                       f"(shipped: {', '.join(shipped)})")


def merge_into(base: Fixtures, top: Fixtures) -> None:
    by_key = {(a["provider"], a["login"]): a for a in base.accounts}
    for account in top.accounts:  # field by field: a later file changes what it names
        key = (account["provider"], account["login"])
        by_key[key] = {**by_key.get(key, {}), **account}
    base.accounts = list(by_key.values())
    for channel, countries in top.rates.items():  # by key: channel, country, operator
        for country, prices in countries.items():
            table = base.rates.setdefault(channel, {})
            if isinstance(prices, Mapping) and isinstance(table.get(country), Mapping):
                table[country] = {**table[country], **prices}
            else:
                table[country] = prices
    for country, prefixes in top.operators.items():
        base.operators.setdefault(country, {}).update(prefixes)
    base.rules += top.rules
    base.faults += top.faults
    base.limits.update(top.limits)
    if top.seed is not None:
        base.seed = top.seed
    base.description = top.description or base.description
    base.clock_start = top.clock_start or base.clock_start
    base.clock_mode = top.clock_mode or base.clock_mode
    if top.delivery_after_s is not None:
        base.delivery_after_s = top.delivery_after_s
    if top.no_report_final_s is not None:
        base.no_report_final_s = top.no_report_final_s


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
    if "no_report_final_s" in delivery:
        final = delivery["no_report_final_s"]
        if not isinstance(final, int | float) or isinstance(final, bool) or final <= 0:
            raise FixtureError("[delivery] no_report_final_s must be a number of seconds > 0")
        doc.no_report_final_s = float(final)
    doc.limits = dict(_table(raw, "limits"))
    doc.rates = {k: dict(v) for k, v in _table(raw, "rates").items()}
    doc.operators = {k.lower(): {str(p): str(m) for p, m in v.items()}
                     for k, v in _table(raw, "operators").items()}
    doc.accounts = [_account(i, a) for i, a in enumerate(_list(raw, "accounts"))]
    doc.rules = [dict(r) for r in _list(raw, "rules")]
    doc.faults = [dict(f) for f in _list(raw, "faults")]
    seed = _table(raw, "random").get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise FixtureError(f"[random] seed must be a whole number >= 0, not {seed!r}")
    doc.seed = seed
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise FixtureError(f"description must be a string, not {description!r}")
    doc.description = description
    return doc


def _account(index: int, raw: Any) -> dict[str, Any]:
    where = f"accounts[{index}]"
    if not isinstance(raw, Mapping):
        raise FixtureError(f"{where}: an account is a table")
    if "provider" not in raw or "login" not in raw:
        raise FixtureError(f"{where}: provider and login are required")
    try:
        account = Account.from_mapping(str(raw["provider"]), str(raw["login"]), raw)
        check_callback(_edges().get(str(account.provider)), account.callback_url)
    except (ValueError, KeyError) as exc:
        raise FixtureError(f"{where} ({raw.get('login')}): {exc}") from exc
    return dict(raw)


@functools.cache
def _edges() -> dict[str, ProviderEdge]:
    from .providers import all_edges

    return {edge.name: edge for edge in all_edges()}


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
