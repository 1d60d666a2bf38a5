"""Drive `tutor serve` in headless Chromium (Debian's, through playwright) and read what its page shows.

The page draws the terminal on a canvas, so its text is not in the DOM. `Page` reads the bytes the
app sends down the page's websocket instead, strips the escape codes, and waits until a text has
been drawn since a mark: what the terminal in the page just showed.

Chromium is started with the flags that keep it from calling home (no background networking,
component updates or sync), so a request off the machine can only come from the page itself.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

# Debian's chromium on the PATH (`.ci/run` installs it), or the browser TUTOR_CHROMIUM names.
CHROMIUM = os.environ.get("TUTOR_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
QUIET_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-default-browser-check"]
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`tutor serve` on a free loopback port, with its own TUTOR_HOME; stopped by `stop`."""

    def __init__(self, home: Path, timeout: float = 60):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "TUTOR_HOME": str(home)}
        env.pop("COLUMNS", None), env.pop("LINES", None)  # pytest's would fix the app's size
        self.process = subprocess.Popen([sys.executable, "-m", "tutor", "serve", "--port", str(self.port)], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + timeout
        while not self._listening():  # wait until it accepts connections
            if self.process.poll() is not None:
                raise RuntimeError(f"tutor serve stopped: {self.process.stderr.read()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"tutor serve did not listen on port {self.port} in {timeout} s")
            time.sleep(0.05)

    def _listening(self) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def descendants(self) -> set[int]:
        """The processes the server started (the shell and the tutor of each open tab), and theirs."""
        table = subprocess.run(["ps", "-eo", "pid=,ppid="], capture_output=True, text=True, check=True).stdout
        children: dict[int, list[int]] = {}
        for pid, ppid in (map(int, line.split()) for line in table.splitlines()):
            children.setdefault(ppid, []).append(pid)
        found, parents = set(), [self.process.pid]
        while parents:
            kids = children.get(parents.pop(), [])
            found.update(kids)
            parents.extend(kids)
        return found

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Page:
    """A playwright page on the served app: what its terminal was sent, and every address it asked for."""

    def __init__(self, page):
        self.page = page
        self.drawn = ""  # every character the app has drawn, escape codes stripped
        self.requested: list[str] = []
        page.on("request", lambda request: self.requested.append(request.url))
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, websocket) -> None:
        self.requested.append(websocket.url)
        websocket.on("framereceived", self._on_frame)

    def _on_frame(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):  # the terminal's bytes; text frames are textual-serve's messages
            self.drawn += ESCAPES.sub("", payload.decode("utf-8", errors="replace"))

    def mark(self) -> int:
        return len(self.drawn)

    def wait_for_text(self, text: str, since: int = 0, timeout: float = 30) -> None:
        """Wait until the app has drawn `text` after `since` (a `mark`)."""
        deadline = time.monotonic() + timeout
        while text not in self.drawn[since:]:
            if time.monotonic() > deadline:
                raise AssertionError(f"the page did not show {text!r} in {timeout} s; it drew:\n{self.drawn[since:][-2000:]}")
            self.page.wait_for_timeout(20)  # lets playwright deliver the frames

    def press(self, key: str, shows: str, timeout: float = 30) -> None:
        """Press `key` (no click anywhere) and wait until the page shows `shows`."""
        since = self.mark()
        self.page.keyboard.press(key)
        self.wait_for_text(shows, since, timeout)

    def off_machine(self) -> list[str]:
        """The addresses asked for that are not on this machine."""
        return [url for url in self.requested if not url.startswith("data:") and urlsplit(url).hostname not in LOOPBACK_HOSTS]
