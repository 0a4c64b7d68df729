"""Fixtures and scenario files (TOML, or the same shape as JSON) -> `Fixtures`, with clear
errors."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .core.accounts import Account
from .core.clock import ClockMode, check_instant, parse_instant
from .core.faults import FaultRule
from .core.outcomes import OutcomeRule
from .core.state import Fixtures
from .edge import ProviderEdge, check_callback
from .schemas import DocumentError, plain, show, validate


class FixtureError(ValueError):
    """A fixtures document that cannot be loaded; the message says where and why."""


# The package ships as files on disk (installed or editable), so its own files are found next
# to this module: importlib.resources would cost a few milliseconds of imports at each start.
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


def default_fixtures_path() -> Path:
    """The demo set shipped inside the package."""
    return FIXTURES_DIR / "default.toml"


def load_file(path: str | Path, checked: bool = True) -> Fixtures:
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
        raise FixtureError(f"{path}: not valid TOML: {' '.join(str(exc).split())}") from exc
    try:
        return parse(raw, checked)
    except FixtureError as exc:
        raise FixtureError(f"{path}: {exc}") from exc


def load_files(paths: list[str | Path]) -> Fixtures:
    """Several files, later ones on top of earlier ones."""
    merged = Fixtures()
    for path in paths:
        merge_into(merged, load_file(path))
    return merged


def load_layers(paths: list[str | Path] | None = None,
                scenarios: list[str] | None = None, demo: bool = True) -> Fixtures:
    """The demo set (unless `demo` is False), then each fixtures file, then each scenario (a
    shipped name or a path), each on top of what came before."""
    layers: list[str | Path] = list(paths or [])
    layers += [scenario_path(name) for name in scenarios or []]
    merged = Fixtures()
    if demo:  # the package's own file: its test holds it to the schema, so start-up need not
        merge_into(merged, load_file(default_fixtures_path(), checked=False))
    for path in layers:
        merge_into(merged, load_file(path))
    return merged


def scenarios_dir() -> Path:
    return FIXTURES_DIR / "scenarios"


def shipped_scenarios() -> dict[str, Path]:
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


def scenario_path(name_or_path: str) -> str | Path:
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


def parse(raw: Any, checked: bool = True) -> Fixtures:
    """A plain mapping (from TOML or JSON) -> Fixtures, checked against the one fixtures schema
    (the one the OpenAPI document publishes as Scenario; not when `checked` is False, for the
    shipped demo set only), then against the core's own rules."""
    try:
        raw = validate("Scenario", raw) if checked else plain(raw)
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
    if "no_report_final_s" in delivery:
        doc.no_report_final_s = float(delivery["no_report_final_s"])
    doc.limits = dict(_table(raw, "limits"))
    doc.rates = {k: dict(v) for k, v in _table(raw, "rates").items()}
    doc.operators = {k.lower(): {str(p): str(m) for p, m in v.items()}
                     for k, v in _table(raw, "operators").items()}
    doc.accounts = [_account(i, a) for i, a in enumerate(_list(raw, "accounts"))]
    doc.rules = [_checked("rules", i, r, OutcomeRule) for i, r in enumerate(_list(raw, "rules"))]
    doc.faults = [_checked("faults", i, f, FaultRule) for i, f in enumerate(_list(raw, "faults"))]
    doc.seed = _table(raw, "random").get("seed")
    doc.description = raw.get("description", "")
    return doc


def _checked(key: str, index: int, raw: dict[str, Any], kind: Any) -> dict[str, Any]:
    """A rule or fault the core itself accepts (what a schema cannot say, e.g. a delay of 0)."""
    try:
        kind.from_mapping(0, raw)
    except (ValueError, TypeError) as exc:
        raise FixtureError(f"{key}[{index}]: {exc}") from exc
    return dict(raw)


def _account(index: int, raw: Mapping[str, Any]) -> dict[str, Any]:
    try:
        account = Account.from_mapping(str(raw["provider"]), str(raw["login"]), raw)
        check_callback(_edges().get(str(account.provider)), account.callback_url)
    except (ValueError, KeyError) as exc:
        raise FixtureError(f"accounts[{index}] ({raw.get('login')}): {exc}") from exc
    return dict(raw)


@functools.cache
def _edges() -> dict[str, ProviderEdge]:
    from .providers import all_edges

    return {edge.name: edge for edge in all_edges()}


def _table(raw: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    return raw.get(key, {})


def _list(raw: Mapping[str, Any], key: str) -> list[Any]:
    return raw.get(key, [])
