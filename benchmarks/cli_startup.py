"""How fast the printing subcommands start, next to `python -c "import numpy, tomllib"`.

The issue asks that `tutor list`, `solve`, `check` (everything but the app) start about as fast as
importing NumPy. This runs each command RUNS times, interleaved round by round so that a busy machine
slows all of them alike, and prints the median wall time of each and its ratio to the NumPy baseline.

    .venv/bin/python benchmarks/cli_startup.py [--runs 15] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def tutor_command() -> list[str]:
    """The `tutor` script installed next to this Python (a venv's bin/), else the one on PATH."""
    beside = Path(sys.executable).parent / "tutor"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("tutor")
    if found:
        return [found]
    return [sys.executable, "-m", "tutor"]


def commands() -> dict[str, list[str]]:
    tutor = tutor_command()
    return {
        'python -c "import numpy, tomllib"': [sys.executable, "-c", "import numpy, tomllib"],
        "tutor list": [*tutor, "list"],
        "tutor solve chain-rule --json": [*tutor, "solve", "chain-rule", "--json"],
        "tutor check chain-rule dL_dW1 3": [*tutor, "check", "chain-rule", "dL_dW1", "3"],
    }


def time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    return elapsed


def measure(runs: int) -> dict[str, list[float]]:
    todo = commands()
    with tempfile.TemporaryDirectory() as home:
        # Bytecode caches as a user has them: a session may set PYTHONDONTWRITEBYTECODE, which
        # would make every run compile tutor from source and measure that instead.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["TUTOR_HOME"] = home
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).resolve().parent.parent / "tutor")],
                       env=env, check=False, stdout=subprocess.DEVNULL)
        for argv in todo.values():  # warm the file cache and byte-code; not counted
            time_once(argv, env)
        times: dict[str, list[float]] = {name: [] for name in todo}
        for _ in range(runs):
            for name, argv in todo.items():
                times[name].append(time_once(argv, env))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    parser.add_argument("--json", action="store_true", help="print the medians and ratios as JSON")
    args = parser.parse_args(argv)
    times = measure(max(1, args.runs))
    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = medians['python -c "import numpy, tomllib"']
    if args.json:
        print(json.dumps({name: {"median_s": m, "ratio": m / baseline, "min_s": min(times[name]),
                                 "max_s": max(times[name])} for name, m in medians.items()}, indent=2))
        return 0
    width = max(map(len, medians))
    print(f"{'command':<{width}}  {'median':>9}  {'min':>9}  {'max':>9}  ratio to numpy")
    for name, median in medians.items():
        print(f"{name:<{width}}  {median * 1e3:>7.1f}ms  {min(times[name]) * 1e3:>7.1f}ms  "
              f"{max(times[name]) * 1e3:>7.1f}ms  {median / baseline:>5.2f}x")
    print(f"({args.runs} runs each, interleaved; {sys.executable})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
