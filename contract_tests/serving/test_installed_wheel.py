"""The package as a user gets it: the built wheel, installed with pip into a fresh virtualenv
outside the checkout, serves the demo and runs the `sms_mock` fixture.

An editable install reads files straight from the checkout, so it cannot tell whether the
wheel carries the fixtures and templates; only a real install can. pip's own cache keeps the
second run fast; the wheel is built with the test venv's setuptools (no isolated build env)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from .test_pytest_plugin import EXAMPLE

CHECKOUT = Path(__file__).resolve().parents[2]
PACKAGE = CHECKOUT / "mockserver"


def _clean_env() -> dict[str, str]:
    """No trace of the checkout or the test venv: the installed package must stand alone."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(*args: str | Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    out = subprocess.run([str(a) for a in args], cwd=cwd, env=_clean_env(), capture_output=True,
                         text=True, timeout=timeout)
    assert out.returncode == 0, f"{args}:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


def _isolation() -> list[str]:
    """Build with this venv's setuptools when it can (70.1+ builds wheels by itself); an older
    venv, made before the test extra asked for it, gets pip's isolated build instead."""
    try:
        major, minor = (int(n) for n in metadata.version("setuptools").split(".")[:2])
    except (metadata.PackageNotFoundError, ValueError):
        return []
    return ["--no-build-isolation"] if (major, minor) >= (70, 1) else []


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, Path]:
    """Build the wheel from a copy of the sources, install it (and pytest) into a new venv."""
    top = tmp_path_factory.mktemp("wheel")
    source = top / "source"  # a copy, so that the build leaves no build/ in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(CHECKOUT / name, source / name)
    shutil.copytree(PACKAGE, source / "mockserver",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *_isolation(),
         "--wheel-dir", top / "dist", source, cwd=top)
    (wheel,) = (top / "dist").glob("mockserver-*.whl")
    venv = top / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=top)
    python = venv / "bin" / "python"
    # The test venv's pip installs into the new venv: no pip of its own to bootstrap.
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-compile",
         wheel, "pytest", cwd=top)
    return {"wheel": wheel, "bin": venv / "bin", "python": python, "top": top}


def test_the_wheel_carries_every_data_file_of_the_package(installed):
    shipped = set(zipfile.ZipFile(installed["wheel"]).namelist())
    data_files = {str(path.relative_to(CHECKOUT)) for path in PACKAGE.rglob("*")
                  if path.is_file() and path.suffix not in (".py", ".pyc")
                  and "__pycache__" not in path.parts}
    assert {"mockserver/fixtures/default.toml", "mockserver/web/static/inbox.html",
            "mockserver/web/static/inbox.js", "mockserver/web/static/inbox.css"} <= data_files
    assert data_files - shipped == set()


def test_the_installed_package_is_not_the_checkout(installed):
    out = _run(installed["python"], "-c", "import mockserver; print(mockserver.__file__)",
               cwd=installed["top"])
    assert "site-packages" in out.stdout and str(CHECKOUT) not in out.stdout


def test_the_installed_console_script_serves_the_demo(installed):
    process = subprocess.Popen([str(installed["bin"] / "mockserver"), "serve", "--port", "0"],
                               cwd=installed["top"], env=_clean_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)", first)
        assert found, first + process.stderr.read()
        base = f"http://127.0.0.1:{found.group(1)}"
        with urllib.request.urlopen(base + "/__admin/health", timeout=10) as response:
            assert json.loads(response.read())["status"] == "ok"
        # the demo account comes from the fixtures shipped in the wheel
        with urllib.request.urlopen(base + "/balance/?username=demo&api_key=demo",
                                    timeout=10) as response:
            assert json.loads(response.read())["balance"].startswith("1000.")
        # the inbox page comes from the static files shipped in the wheel
        with urllib.request.urlopen(base + "/__admin/inbox", timeout=10) as response:
            assert "<title>SMS mock inbox</title>" in response.read().decode()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_installed_pytest_plugin_runs_the_sample_test(installed):
    work = installed["top"] / "user_project"
    work.mkdir()
    (work / "test_example.py").write_text(EXAMPLE)
    out = _run(installed["python"], "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "test_example.py", cwd=work)
    assert "3 passed" in out.stdout
