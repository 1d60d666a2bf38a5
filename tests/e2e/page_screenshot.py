"""Regenerate assets/web.png, the README's picture of `tutor serve` in a browser.

    .venv/bin/python tests/e2e/page_screenshot.py [--size 1100x660] [--out assets/web.png]

Serves the app with a throwaway TUTOR_HOME, opens it in headless Chromium, opens the chapter's worked
example (lesson chain-rule) with the keyboard, answers its first question, asks a hint for the second and
starts typing its answer, and takes the picture.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.e2e.browser import CHROMIUM, QUIET_CHROMIUM, Page, Server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1100x660", help="the page's width x height in pixels")
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "web.png")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    if CHROMIUM is None:
        sys.exit("chromium is needed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as home, sync_playwright() as playwright:
        server = Server(Path(home))
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_CHROMIUM)
            page = Page(browser.new_page(viewport={"width": width, "height": height}))
            page.page.goto(server.url)
            page.wait_for_text("Loss curves")
            for _ in range(4):  # down to lesson 5, the chapter's worked example
                page.press("ArrowDown", shows="min")
            page.press("Enter", shows="Press enter to go on")  # its introduction
            page.press("Enter", shows="The first function")
            page.page.keyboard.type("2")
            page.press("Enter", shows="Correct")
            page.press("Enter", shows="The second function")
            page.press("Alt+h", shows="Hint 1")
            since = page.mark()
            page.page.keyboard.type("3.5")  # back into the answer box, whose keys the footer shows
            page.wait_for_text("alt+h", since)
            page.page.wait_for_timeout(300)  # the last frame's paint
            page.page.screenshot(path=str(args.out))
            browser.close()
        finally:
            server.stop()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
