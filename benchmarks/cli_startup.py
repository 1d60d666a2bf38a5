"""How fast the printing subcommands start, next to `python -c "import numpy, tomllib"`.

The issue asks that `tutor list`, `solve`, `check` (everything but the app) start about as fast as
importing NumPy. This runs each command RUNS times, interleaved round by round so that a busy machine
slows all of them alike, and prints the median wall time and CPU time (user + system, steadier when
other processes compete for the cores) of each, and their ratios to the baseline.

    .venv/bin/python benchmarks/cli_startup.py [--runs 15] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
        "tutor --version": [*tutor, "--version"],
        "tutor completion bash": [*tutor, "completion", "bash"],
    }


def time_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time, and the CPU time the command used (user + system: steadier on a busy machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in todo}
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
    wall = {name: statistics.median(t for t, _ in values) for name, values in times.items()}
    cpu = {name: statistics.median(c for _, c in values) for name, values in times.items()}
    base = 'python -c "import numpy, tomllib"'
    if args.json:
        print(json.dumps({name: {"median_s": wall[name], "ratio": wall[name] / wall[base], "cpu_s": cpu[name],
                                 "cpu_ratio": cpu[name] / cpu[base]} for name in times}, indent=2))
        return 0
    width = max(map(len, wall))
    print(f"{'command':<{width}}  {'wall':>9}  {'ratio':>6}  {'cpu':>9}  {'ratio':>6}   (medians; ratios to the first)")
    for name in times:
        print(f"{name:<{width}}  {wall[name] * 1e3:>7.1f}ms  {wall[name] / wall[base]:>5.2f}x  "
              f"{cpu[name] * 1e3:>7.1f}ms  {cpu[name] / cpu[base]:>5.2f}x")
    print(f"({args.runs} runs each, interleaved; {sys.executable})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
