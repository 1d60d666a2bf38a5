"""Does tutor work on the oldest versions pyproject.toml allows? (Opt-in: CI does not run this.)

Builds a fresh venv, installs exactly the floor of every runtime dependency (each `NAME>=VERSION`
of `[project] dependencies`, as `NAME==VERSION`), the test tools of the `test` extra (all but its
textual pin, which is for the snapshots), and tutor itself without its dependencies; then runs the
test suite there and prints what was installed and how the suite ended. The snapshot tests skip
themselves under any Textual but the one they were recorded with (tests/ui/conftest.py).

    python3 benchmarks/dependency_floor.py [--pin NAME==VERSION ...] [--keep DIR] [-- PYTEST ARGS]

`--pin` tries another version of one dependency (to look for a floor); `--keep DIR` builds the venv
in DIR and leaves it there. Exit status: pytest's.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(==|>=)\s*([^\s,;]+)\s*$")


def floors(project: dict) -> dict[str, str]:
    """NAME → its floor VERSION, from each `NAME>=VERSION` runtime dependency."""
    found = {}
    for requirement in project["dependencies"]:
        match = REQUIREMENT.match(requirement)
        if match is None or match[2] != ">=":
            sys.exit(f"pyproject.toml: {requirement!r} does not state a floor as NAME>=VERSION")
        found[match[1].lower()] = match[3]
    return found


def test_tools(project: dict, runtime: set[str]) -> list[str]:
    """The test extra's requirements, less those naming a runtime dependency (textual==8.2.8)."""
    tools = []
    for requirement in project["optional-dependencies"]["test"]:
        name = re.split(r"[<>=!~\[;\s]", requirement, maxsplit=1)[0].lower()
        if name not in runtime:
            tools.append(requirement)
    return tools


def run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("$", " ".join(argv), flush=True)
    return subprocess.run(argv, check=True, **kwargs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pin", action="append", default=[], metavar="NAME==VERSION",
                        help="install this version of a dependency instead of its floor")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the venv in DIR and keep it")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args()

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    versions = floors(project)
    for pin in args.pin:
        name, _, version = pin.partition("==")
        if name.lower() not in versions or not version:
            parser.error(f"--pin {pin}: expected NAME==VERSION for one of {', '.join(versions)}")
        versions[name.lower()] = version
    wanted = [f"{name}=={version}" for name, version in versions.items()]

    with tempfile.TemporaryDirectory(prefix="tutor-floor-") as scratch:
        where = args.keep or Path(scratch) / "venv"
        python = where / "bin" / "python"
        if not python.exists():
            run([sys.executable, "-m", "venv", str(where)])
        try:
            run([str(python), "-m", "pip", "install", "-q", *wanted, *test_tools(project, set(versions))])
        except subprocess.CalledProcessError:
            print(f"\nThese versions cannot be installed together: {', '.join(wanted)} (pip says why above)")
            return 2
        run([str(python), "-m", "pip", "install", "-q", "--no-deps", "-e", str(ROOT)])
        freeze = run([str(python), "-m", "pip", "freeze"], capture_output=True, text=True).stdout
        installed = dict(line.split("==", 1) for line in freeze.splitlines() if "==" in line)
        started = time.monotonic()
        tests = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
                                *args.pytest_args], cwd=ROOT, capture_output=True, text=True)
        took = time.monotonic() - started

    summary = [line for line in tests.stdout.splitlines() if line.startswith(("FAILED", "ERROR", "SKIPPED"))]
    closing = tests.stdout.strip().splitlines()[-1:] or ["(pytest printed nothing)"]
    print(f"\nFloor versions (pyproject.toml{', with ' + ', '.join(args.pin) if args.pin else ''}):")
    for name in versions:
        shown = next((v for k, v in installed.items() if k.lower().replace("_", "-") == name), "?")
        print(f"  {name:<16} {shown}")
    print(f"Python {sys.version.split()[0]}; the suite took {took:.0f} s")
    print("\n".join(summary[:40]))
    print(closing[0])
    if tests.returncode not in (0, 5):
        print(tests.stdout[-6000:], tests.stderr[-2000:], sep="\n")
    return tests.returncode


if __name__ == "__main__":
    sys.exit(main())
