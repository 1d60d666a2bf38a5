"""`tutor serve`: the app in a web page, one `tutor` process per browser tab, through textual-serve.

textual-serve runs a small aiohttp server. Its page holds a browser terminal (xterm.js); each page
that connects starts the command it was given (`python -m tutor`) in a process of its own, which
draws through Textual's web driver, and ends it when the page closes. Every process inherits this
one's environment, so all of them read and write the same progress file (`TUTOR_HOME`).

What differs from textual-serve's own server: the page (templates/app_index.html asks no other host
for anything, and gives the terminal the keyboard as it loads); the addresses in it, which are those
the browser used, so that a page opened from another machine (`--host 0.0.0.0`) connects back to
this one, not to 0.0.0.0; and ctrl+c, which ends the open tabs' tutors at once.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from tutor.commands import UsageError

TEMPLATES = Path(__file__).resolve().parent / "templates"


def is_loopback(host: str) -> bool:
    """Only this machine can reach `host` ("localhost", 127.0.0.1, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may well be reachable from the network


class TutorServer(Server):
    """textual-serve's server with tutor's page, whose addresses are the ones the browser asked for,
    and which stops on ctrl+c with tabs open."""

    def __init__(self, host: str, port: int):
        command = f"{shlex.quote(sys.executable)} -m tutor"
        address = f"[{host}]" if ":" in host else host  # an IPv6 address, as a URL writes it
        super().__init__(command, host=host, port=port, title="tutor", public_url=f"http://{address}:{port}",
                         templates_path=TEMPLATES)
        self.sessions: set[asyncio.Task] = set()  # one per open tab: its websocket and its tutor

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        session = asyncio.current_task()
        self.sessions.add(session)
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions.discard(session)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every tab's session: its tutor is told to quit and its page says so.

        Left to aiohttp, shutting down waited for the pages to hang up until its shutdown timeout
        (about half a minute here) with every tutor still running, and a server killed meanwhile left
        them running for good, orphaned.
        """
        for session in list(self.sessions):
            session.cancel()  # textual-serve's handler then quits the app and closes the websocket
        await asyncio.gather(*self.sessions, return_exceptions=True)

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        websocket = "wss" if request.secure else "ws"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{websocket}://{request.host}/ws",
            "config": {"static": {"url": f"{request.scheme}://{request.host}/static/"}},
            "application": {"name": self.title},
        }

    def initialize_logging(self) -> None:
        super().initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # not a line per file the page loads

    async def on_startup(self, app: web.Application) -> None:
        from tutor.progress import progress_dir

        self.console.print(f"tutor: the course is at {self.public_url}", highlight=False)
        self.console.print("Each browser tab that opens it runs its own tutor here.")
        self.console.print(f"Progress is saved in {progress_dir()} (TUTOR_HOME sets it).", highlight=False)
        self.console.print("Press ctrl+c to stop.")


def exposure_warning(host: str, port: int) -> str | None:
    """What to tell before listening where other machines can connect."""
    if is_loopback(host):
        return None
    return (f"tutor serve: warning: listening on {host}: anyone on your network who can reach this machine "
            f"on port {port} can open the course, and every tab they open runs tutor here, "
            "saving to this one progress file.")


def check_free(host: str, port: int) -> None:
    """Refuse a port already taken, before saying where the course is (the server would fail later)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp binds
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def serve(host: str, port: int) -> int:
    """Serve the app on `host`:`port` until ctrl+c; warn first when others can reach it."""
    warning = exposure_warning(host, port)
    if warning:
        print(warning, file=sys.stderr)
    check_free(host, port)
    TutorServer(host, port).serve()
    return 0
