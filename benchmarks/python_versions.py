"""The test suite under every Python from 3.11 to 3.13 found here, each in a fresh venv.

Pythons are looked for as `python3.X` on PATH, then in pyenv's versions folder, then through
`uv python find`; each is installed into a new venv in a temporary folder with
`pip install -e ".[test]"` and runs the suite there. One line per version, then exit 1 if any
version found failed (a version not found is reported, not failed).

    python3 benchmarks/python_versions.py [--versions 3.11 3.12 3.13] [-- PYTEST ARGS]

Without PYTEST ARGS it runs the README's command (`pytest -n auto`). Not part of CI: it installs
every dependency once per version and runs the whole suite each time (many minutes).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ("3.11", "3.12", "3.13")


def version_of(python: str) -> str | None:
    """'3.12.1' for a Python that runs, else None (a pyenv shim for a version not selected fails)."""
    try:
        done = subprocess.run([python, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                              capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def candidates(version: str) -> list[str]:
    found = [shutil.which(f"python{version}")]
    pyenv = shutil.which("pyenv")
    if pyenv:
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True).stdout.strip()
        patches = sorted(Path(root, "versions").glob(f"{version}.*"),
                         key=lambda p: [int(n) for n in re.findall(r"\d+", p.name)], reverse=True)
        found += [str(p / "bin" / f"python{version}") for p in patches if re.fullmatch(r"[\d.]+", p.name)]
    uv = shutil.which("uv")
    if uv:
        found.append(subprocess.run([uv, "python", "find", version], capture_output=True, text=True).stdout.strip())
    return [c for c in found if c]


def find_python(version: str) -> tuple[str, str] | None:
    """(path, full version) of the first Python `version` that runs."""
    for python in candidates(version):
        full = version_of(python)
        if full is not None and full.startswith(version + "."):
            return python, full
    return None


def summary(output: str) -> str:
    """pytest's closing line, e.g. '1200 passed, 4 skipped in 250.1s'."""
    lines = [line.strip("= ") for line in output.splitlines() if re.search(r"\b(passed|failed|error)", line)]
    return lines[-1] if lines else "(no summary line)"


def run_suite(python: str, pytest_args: list[str], log: Path) -> tuple[bool, str]:
    with tempfile.TemporaryDirectory(prefix="tutor-py-") as folder:
        venv = Path(folder) / "venv"
        bin_python = venv / "bin" / "python"
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
        steps = [[python, "-m", "venv", str(venv)],
                 [str(bin_python), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"]]
        with log.open("w", encoding="utf-8") as out:
            for step in steps:
                if subprocess.run(step, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT).returncode:
                    return False, f"could not install ({' '.join(step[1:4])} failed; see {log})"
            env["TUTOR_HOME"] = str(Path(folder) / "home")
            tests = subprocess.run([str(bin_python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
            out.write(tests.stdout)
    return tests.returncode == 0, summary(tests.stdout)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ours, pytest_args = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", nargs="+", default=list(VERSIONS), metavar="X.Y")
    args = parser.parse_args(ours)
    pytest_args = pytest_args or ["-n", "auto"]
    failed = False
    logs = Path(tempfile.mkdtemp(prefix="tutor-python-versions-"))
    for version in args.versions:
        found = find_python(version)
        if found is None:
            print(f"Python {version}: not found (looked for python{version} on PATH, in pyenv, through uv)", flush=True)
            continue
        python, full = found
        start = time.perf_counter()
        ok, result = run_suite(python, pytest_args, logs / f"python{version}.log")
        failed |= not ok
        print(f"Python {full}: {'ok    ' if ok else 'FAILED'} {result}  ({time.perf_counter() - start:.0f} s "
              f"with the install; {python})", flush=True)
    print(f"(logs in {logs})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
