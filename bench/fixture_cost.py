"""python -m bench.fixture_cost: what the sms_mock fixture adds to each test (reset included).

Two pytest runs, each of 2 x 200 tests interleaved so that both halves see the same machine:
  empty     a test that does nothing, with `sms_mock` / without any fixture;
  one call  a test that reads the messages once, through `sms_mock` / through a plain client
            of the same mock (no reset). The fixture's reset runs on the mock's loop before
            the test's first request, so this pair is the one that counts it.
Each test's time is setup + call + teardown as pytest reports it; a cost is the difference of
two medians (the mock's start-up falls on one test, not on the median).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

TESTS = '''
from mockserver.testing.control import MockControl

N = {count}


def _empty_with(sms_mock):
    pass


def _empty_without():
    pass


def _call_with(sms_mock):
    assert sms_mock.messages.all() == []


def _call_without(_sms_mock_server):
    assert MockControl(_sms_mock_server.url).messages.all() == []


for n in range(N):  # interleaved, so that both halves see the same machine
    for kind in ("{kind}_with", "{kind}_without"):
        globals()[f"test_{{n:04d}}_{{kind}}"] = globals()[f"_{{kind}}"]
'''

COLLECTOR = '''
import collections
import json
import os

TIMES = collections.defaultdict(float)


def pytest_runtest_logreport(report):
    TIMES[report.nodeid] += report.duration


def pytest_sessionfinish(session):
    with open(os.environ["FIXTURE_COST_OUT"], "w") as out:
        json.dump(TIMES, out)
'''


def measure(kind: str, count: int) -> dict[str, float]:
    """One run of a kind of test (empty, call): median with, median without, median gap."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "test_cost.py").write_text(TESTS.format(count=count, kind=kind))
        (root / "conftest.py").write_text(COLLECTOR)
        out = root / "times.json"
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        str(root)], cwd=root, check=True, capture_output=True,
                       env={**os.environ, "FIXTURE_COST_OUT": str(out)})
        times = json.loads(out.read_text())
    by_test = {name.rsplit("::test_", 1)[1]: t for name, t in times.items()}
    with_mock = [by_test[f"{n:04d}_{kind}_with"] for n in range(count)]
    without = [by_test[f"{n:04d}_{kind}_without"] for n in range(count)]
    return {
        "with": statistics.median(with_mock), "without": statistics.median(without),
        # each test against its neighbour without: steadier on a busy machine
        "paired": statistics.median(w - o for w, o in zip(with_mock, without, strict=True)),
    }


def per_test_cost(count: int) -> float:
    """Seconds the fixture adds to a test making one control-plane call (paired median)."""
    return measure("call", count)["paired"]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fixture_cost")
    parser.add_argument("--tests", type=int, default=200, help="tests of each kind")
    args = parser.parse_args()
    result = {kind: measure(kind, args.tests) for kind in ("empty", "call")}
    print(f"{args.tests} tests with and {args.tests} without, one run per kind; "
          "per test: setup + call + teardown")
    print("                 median with   median without   cost   median paired cost")
    for kind, name in (("empty", "empty test"), ("call", "one-call test")):
        ms = {key: value * 1e3 for key, value in result[kind].items()}
        print(f"  {name:<14} {ms['with']:8.3f} ms   {ms['without']:8.3f} ms   "
              f"{ms['with'] - ms['without']:6.3f} ms   {ms['paired']:6.3f} ms")
    print("(the one-call pair counts the reset, which runs before the test's first request)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
