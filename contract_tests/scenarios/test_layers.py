"""Fixtures layered on the demo set: later files win (accounts by provider and login, field by
field; rates and operator tables by key); --no-demo starts from nothing; a bad file is named in
one line."""

from __future__ import annotations

import tomllib

import pytest

from mockserver.cli import build_state, main
from mockserver.config import FixtureError, default_fixtures_path, load_file, load_layers
from mockserver.schemas import validate

pytest_plugins = ["pytester"]

SHOP = """
[rates.sms.ru]
"01" = "0.50"

[operators.ru]
"7999" = "07"

[[accounts]]
provider = "smsc"
login = "demo"
password = "secret"
balance = "5.00"

[[accounts]]
provider = "smsc"
login = "shop"
password = "shop"
balance = "10.00"
"""
LATER = """
[[accounts]]
provider = "smsc"
login = "shop"
password = "shop"
balance = "20.00"
"""


@pytest.fixture
def files(tmp_path):
    (tmp_path / "shop.toml").write_text(SHOP)
    (tmp_path / "later.toml").write_text(LATER)
    return tmp_path


def test_fixtures_layer_on_the_demo_set_and_later_files_win(files):
    layered = load_layers([files / "shop.toml", files / "later.toml"])
    accounts = {(a["provider"], a["login"]): a for a in layered.accounts}
    assert set(accounts) == {("inteltele", "demo"), ("targetsms", "demo"), ("smsc", "demo"),
                             ("smsc", "shop")}
    # field by field: what a later file names changes, the demo's other fields stay
    assert accounts[("smsc", "demo")]["password"] == "secret"
    assert accounts[("smsc", "demo")]["sender_ids"][0]["sender"] == "SMSC.ru"
    assert accounts[("smsc", "shop")]["balance"] == "20.00"
    # rates and operators by key: the demo's other keys stay
    assert layered.rates["sms"]["ru"] == {"": "0.234567", "01": "0.50"}
    assert layered.rates["viber"]["ru"]["01"] == "0.186440"
    assert layered.operators["ru"]["7999"] == "07" and layered.operators["ru"]["7910"] == "01"


def test_no_demo_starts_from_nothing(files):
    state = build_state([str(files / "later.toml")], demo=False)
    assert [(a.provider, a.login) for a in state.accounts] == [("smsc", "shop")]
    assert build_state(None, demo=False).accounts.get("smsc", "demo") is None


def test_scenarios_layer_on_top_of_the_fixtures(files):
    state = build_state([str(files / "shop.toml")], scenarios=["low-balance", "flaky"])
    demo = state.accounts.get("smsc", "demo")
    assert str(demo.balance) == "0.01" and demo.accepts_password("secret")
    assert state.accounts.get("smsc", "shop") is not None
    assert state.seed == 20261128 and len(state.faults.rules) == 4


@pytest.mark.parametrize("content, where", [
    ('[[accounts]]\nprovider = "smsc"\nlogin = "x"\nbalance = "lots"\n', "lots"),
    ('[random]\nseed = "abc"\n', '"abc"'),
    ('[[rules]]\nmatch = {}\noutcome = { sms = "lost" }\n', '"lost"'),
    ('[[faults]]\nkind = "status"\nrate = 2\n', "rate"),
    ('[[rules]]\noutcome = { sms = { delivered = -1 } }\n', "-1"),
    ("not = [valid", "not valid TOML"),
])
def test_a_bad_file_is_named_with_its_key_and_value_in_one_line(tmp_path, capsys, content,
                                                                 where):
    bad = tmp_path / "bad.toml"
    bad.write_text(content)
    with pytest.raises(FixtureError):
        load_layers([bad])
    assert main(["serve", "--fixtures", str(bad), "--port", "0"]) != 0
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and str(bad) in error and where in error


def test_an_unknown_scenario_exits_non_zero_with_the_names_that_ship(capsys):
    assert main(["serve", "--scenario", "no-such-thing", "--port", "0"]) != 0
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "no-such-thing" in error and "viber-down" in error


def test_the_pytest_option_layers_on_the_demo_set(pytester, files):
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile('''
        def test_both(sms_mock):
            accounts = {(a.provider, a.login) for a in sms_mock.accounts.list()}
            assert ("smsc", "shop") in accounts and ("inteltele", "demo") in accounts
    ''')
    result = pytester.runpytest_inprocess(f"--sms-mock-fixtures={files / 'shop.toml'}")
    result.assert_outcomes(passed=1)


def test_the_shipped_demo_set_keeps_to_the_fixtures_schema():
    # Serving reads the demo set without the schema check (it is the package's own file), so
    # this test is what holds it to the schema; read either way, it gives the same fixtures.
    path = default_fixtures_path()
    validate("Scenario", tomllib.loads(path.read_text(encoding="utf-8")))
    assert load_file(path, checked=False) == load_file(path)
