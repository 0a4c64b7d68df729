"""Fixtures files are checked against the same schema as POST /__admin/scenario: a mistake is
exit 2 and one line naming the file, the key and the value."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mockserver.config import FixtureError, default_fixtures_path, load_file


def test_a_bad_limit_stops_serve_with_one_line(tmp_path):
    bad = tmp_path / "limits.toml"
    bad.write_text("[limits]\nrepeat_window_s = 60\njournal_size = 0\n")
    out = subprocess.run([sys.executable, "-m", "mockserver", "serve", "--fixtures", str(bad)],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    (line,) = out.stderr.strip().splitlines()
    assert str(bad) in line and "limits.journal_size" in line and ": 0:" in line


BAD_FILES = [
    ("[limits]\nmax_body_bytes = -1\n", ["limits.max_body_bytes", "-1"]),
    ("[limits]\nbruteforce_window_s = 0\n", ["limits.bruteforce_window_s", "0"]),
    ("[limits]\nmax_recipients = 1.5\n", ["limits.max_recipients", "1.5"]),
    ("[limits]\nbrute_force_failures = 3\n", ["limits.brute_force_failures", "unknown key"]),
    ("[delivery]\nafter_s = -2\n", ["delivery.after_s", "-2"]),
    ("[delivery]\nafter_s = inf\n", ["delivery.after_s", "Infinity", "finite"]),
    ("[delivery]\nafter_s = nan\n", ["delivery.after_s", "NaN", "finite"]),
    ("[delivery]\nafter_s = 1e20\n", ["delivery.after_s", "1e+20"]),
    ("[delivery]\nafter = 2\n", ["delivery.after", "unknown key"]),
    ('[clock]\nstart = "9999-12-31T23:59:59Z"\n', ["clock.start", "9999-12-31"]),
    ("[clock]\nstart = 9999-12-31T23:59:59Z\n", ["clock.start", "9999-12-31"]),
    ('[clock]\nstart = "2026-02-30T00:00:00Z"\n', ["clock.start", "2026-02-30"]),
    ('[clock]\nmode = "paused"\n', ["clock.mode", '"paused"']),
    ('[rates.sms.ru]\n"" = "-0.20"\n', ['rates.sms.ru[""]', '"-0.20"']),
    ('[rates.fax.ru]\n"" = "0.20"\n', ["rates", '"fax"']),
    ('[rates.sms.ru]\n"" = 1e308\n', ['rates.sms.ru[""]', "1e+308"]),
    ('[operators.ru]\n"7910" = 1\n', ['operators.ru["7910"]', "1"]),
    ('[[accounts]]\nprovider = "smsc"\nlogin = "a"\nbalance = 1e308\n',
     ["accounts[0].balance", "1e+308"]),
    ('[[accounts]]\nprovider = "nokia"\nlogin = "a"\n', ["accounts[0].provider", '"nokia"']),
    ('[[accounts]]\nprovider = "smsc"\nlogin = "a"\ntest_mode = "no"\n',
     ["accounts[0].test_mode", '"no"']),
    ('[[accounts]]\nprovider = "smsc"\nlogin = "a"\nallowed_ips = ["300.1.1.1"]\n',
     ["accounts[0]", "allowed_ips", "300.1.1.1"]),
    ('[[rules]]\noutcome = { sms = "lost" }\n', ["rules[0].outcome.sms", '"lost"']),
    ('[[faults]]\nkind = "status"\nstatus = 700\n', ["faults[0].status", "700"]),
    ('[[faults]]\nkind = "delay"\n', ["faults[0]", "delay_ms"]),
    ("rules = 5\n", ["rules", "5", "array"]),
    ("[scenario]\nname = 'x'\n", ["scenario", "unknown key"]),
]


@pytest.mark.parametrize(("text", "words"), BAD_FILES, ids=[t for t, _ in BAD_FILES])
def test_each_mistake_names_the_file_the_key_and_the_value(tmp_path, text, words):
    path = tmp_path / "mine.toml"
    path.write_text(text)
    with pytest.raises(FixtureError) as refused:
        load_file(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    for word in words:
        assert word in message, message


def test_the_shipped_fixtures_pass_their_own_schema():
    loaded = load_file(default_fixtures_path())
    assert {(a["provider"], a["login"]) for a in loaded.accounts} == {
        ("inteltele", "demo"), ("targetsms", "demo"), ("smsc", "demo")}
    assert loaded.limits["bruteforce_failures"] == 10


def test_toml_dates_and_numbers_are_read_as_the_schema_allows(tmp_path):
    path = tmp_path / "ok.toml"
    path.write_text("[clock]\nstart = 2026-03-01T12:00:00Z\n[delivery]\nafter_s = 0.5\n"
                    '[[accounts]]\nprovider = "smsc"\nlogin = "n"\nbalance = 12.5\ncredit = 3\n')
    loaded = load_file(path)
    assert loaded.clock_start.isoformat() == "2026-03-01T12:00:00+00:00"
    assert loaded.delivery_after_s == 0.5
