"""The sample user project in contract_tests/plugin_example/ passes with the installed package,
serially and under xdist (one mock per worker)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "plugin_example"


def run_example(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=EXAMPLE, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("args", [(), ("-n", "2")], ids=["serial", "xdist"])
def test_the_sample_project_passes(args):
    result = run_example(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "11 passed" in result.stdout
