"""Time until the home screen shows in a real terminal, against a bare Textual app with one Static.

Each app runs in its own tmux session (a real terminal, 100×30) from a fresh interpreter; the
time is from spawning the process to the app's first `on_ready` (its first frame is on screen).
Runs alternate between the two apps and the best of each is compared, so the ratio holds on a busy
shared machine. Goal: tutor ≤ 1.15× the bare app.

Run: .venv/bin/python benchmarks/app_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOCKET = f"tutor-bench-{os.getpid()}"

BARE = """
import sys, time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("tutor")
    def on_ready(self):
        open(sys.argv[1], "w").write(repr(time.time()))
        self.exit()

Bare().run()
"""

TUTOR = """
import sys, time
from tutor.ui.app import TutorApp

class Timed(TutorApp):
    def on_ready(self):
        super().on_ready()
        open(sys.argv[1], "w").write(repr(time.time()))
        self.exit()

Timed().run()
"""


def first_frame(program: Path, home: str) -> float:
    """Seconds from starting the program in a tmux terminal to its first frame."""
    with tempfile.TemporaryDirectory() as scratch:
        stamp = Path(scratch) / "ready"
        session = f"bench-startup-{os.getpid()}"
        tmux = ["tmux", "-L", SOCKET]  # a private server: never the user's own tmux
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "COLUMNS", "LINES")}
        command = f"TUTOR_HOME={home} {sys.executable} {program} {stamp}"
        start = time.time()
        subprocess.run([*tmux, "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command],
                       check=True, env=env, cwd=ROOT)
        try:
            deadline = start + 30
            while not stamp.exists() or not stamp.read_text():
                if time.time() > deadline:
                    raise TimeoutError(f"{program.name} did not start within 30 s")
                time.sleep(0.002)
            return float(stamp.read_text()) - start
        finally:
            subprocess.run([*tmux, "kill-session", "-t", session], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed: apt-get install -y tmux")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tutor")], check=False)
    with tempfile.TemporaryDirectory() as scratch, tempfile.TemporaryDirectory() as home:
        programs = {}
        for name, source in (("bare", BARE), ("tutor", TUTOR)):
            programs[name] = Path(scratch) / f"{name}_app.py"
            programs[name].write_text(source)
        times: dict[str, list[float]] = {"bare": [], "tutor": []}
        first_frame(programs["tutor"], home)  # warm the file cache once
        for _ in range(args.runs):
            for name in ("bare", "tutor"):
                times[name].append(first_frame(programs[name], home))
    subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
    for name, values in times.items():
        print(f"{name:>5}: best {min(values) * 1000:6.1f} ms, median {statistics.median(values) * 1000:6.1f} ms")
    ratio = min(times["tutor"]) / min(times["bare"])
    median_ratio = statistics.median(times["tutor"]) / statistics.median(times["bare"])
    print(f"ratio (best): {ratio:.2f}×   ratio (median): {median_ratio:.2f}×   goal ≤ 1.15×")


if __name__ == "__main__":
    main()
