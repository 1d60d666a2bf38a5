"""Time to the first screen in a web page (`tutor serve`) against a terminal, in the same run.

Both show the same thing: from starting a tutor to the course list on screen ("The course" drawn).
- terminal: `tutor` started in a tmux pane (100×30), polled with capture-pane;
- page: a new tab loading the page of a `tutor serve` started once before (as a class would leave it
  running), in headless Chromium; each load starts its own tutor, and the text is read from what the
  app sends the page (tests/e2e/browser.py).
Runs alternate between the two, and the best and median of each are compared as ratios (page ÷
terminal), which hold on a busy shared machine better than either time alone.

Run: .venv/bin/python benchmarks/page_startup.py [--runs 7]
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
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import CHROMIUM, QUIET_CHROMIUM, Page, Server  # noqa: E402

SOCKET = f"tutor-bench-page-{os.getpid()}"
SHOWN = "The course"


def in_terminal(home: str) -> float:
    """Seconds from starting `tutor` in a tmux pane until the pane shows the course list."""
    tmux = ["tmux", "-L", SOCKET]  # a private server: never the user's own tmux
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    command = f"TUTOR_HOME={home} {sys.executable} -m tutor"
    start = time.perf_counter()
    subprocess.run([*tmux, "new-session", "-d", "-s", "bench", "-x", "100", "-y", "30", command],
                   check=True, env=env, cwd=ROOT)
    try:
        while SHOWN not in subprocess.run([*tmux, "capture-pane", "-p", "-t", "bench"], capture_output=True,
                                          text=True).stdout:
            if time.perf_counter() - start > 60:
                raise TimeoutError("tutor did not show the course list in 60 s")
        return time.perf_counter() - start
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def in_page(browser, url: str) -> float:
    """Seconds from opening the page in a new tab until it shows the course list."""
    tab = browser.new_page(viewport={"width": 1000, "height": 600})  # about 110×28 cells
    try:
        page = Page(tab)
        start = time.perf_counter()
        tab.goto(url)
        page.wait_for_text(SHOWN, timeout=60)
        return time.perf_counter() - start
    finally:
        tab.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if shutil.which("tmux") is None or CHROMIUM is None:
        sys.exit("tmux and chromium are needed: apt-get install -y tmux chromium")
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"terminal": [], "page": []}
    with tempfile.TemporaryDirectory() as home, sync_playwright() as playwright:
        server = Server(Path(home))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_CHROMIUM)
        try:
            in_terminal(home), in_page(browser, server.url)  # warm the file cache and the browser once
            for _ in range(args.runs):
                times["terminal"].append(in_terminal(home))
                times["page"].append(in_page(browser, server.url))
        finally:
            browser.close()
            server.stop()
    best = {name: min(values) for name, values in times.items()}
    median = {name: statistics.median(values) for name, values in times.items()}
    for name in times:
        print(f"{name:>8}: best {best[name] * 1000:6.0f} ms, median {median[name] * 1000:6.0f} ms")
    print(f"page ÷ terminal: {best['page'] / best['terminal']:.2f}× (best), "
          f"{median['page'] / median['terminal']:.2f}× (median), over {args.runs} runs each")


if __name__ == "__main__":
    main()
