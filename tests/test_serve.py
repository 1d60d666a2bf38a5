"""`tutor serve` without a browser: who may connect, a port already taken, and what it imports.

The page itself, in a real browser, is tests/e2e/test_browser.py.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

import pytest

from tutor.web.server import exposure_warning, is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_is_served_without_a_warning(host):
    assert is_loopback(host)
    assert exposure_warning(host, 8000) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "my-laptop.local"])
def test_an_address_the_network_reaches_is_warned_about(host):
    assert not is_loopback(host)
    assert "anyone on your network" in exposure_warning(host, 8000)


def run_tutor(*argv: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", *argv], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TUTOR_HOME": str(tmp_path)})


def test_a_port_already_taken_exits_2_with_its_reason(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_tutor("serve", "--port", str(port), tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == f"tutor serve: cannot listen on 127.0.0.1:{port}: Address already in use"
    assert done.stdout == ""  # nothing said about a course that is not being served


@pytest.mark.parametrize("port", ["0", "65536", "eighty"])
def test_a_port_out_of_range_is_a_usage_error(tmp_path, port):
    done = run_tutor("serve", "--port", port, tmp_path=tmp_path)
    assert done.returncode == 2
    assert "argument --port: expected a" in done.stderr


def test_the_cli_loads_no_web_server_until_serve_runs():
    code = "import sys, tutor.cli; print(sorted(m for m in ('aiohttp', 'textual_serve') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_listening_beyond_this_machine_warns_first(tmp_path):
    with socket.socket() as taken:  # taken, so that the command stops after the warning, serving nothing
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_tutor("serve", "--host", "0.0.0.0", "--port", str(port), tmp_path=tmp_path)
    warning, refusal = done.stderr.strip().splitlines()
    assert warning.startswith("tutor serve: warning: listening on 0.0.0.0: anyone on your network")
    assert refusal.startswith(f"tutor serve: cannot listen on 0.0.0.0:{port}")


def test_the_page_connects_back_to_the_address_the_browser_used(tmp_path):
    """Served on 0.0.0.0, a page opened as http://my-laptop:8000 must connect to my-laptop, not 0.0.0.0."""
    from urllib.request import Request, urlopen

    from tests.e2e.browser import Server

    server = Server(tmp_path)
    try:
        request = Request(server.url, headers={"Host": f"my-laptop.local:{server.port}"})
        page = urlopen(request, timeout=30).read().decode("utf-8")
    finally:
        server.stop()
    assert f'data-session-websocket-url="ws://my-laptop.local:{server.port}/ws"' in page
    assert f'src="http://my-laptop.local:{server.port}/static/js/textual.js"' in page
    assert set(re.findall(r"(?:https?|wss?)://([^/\"]+)", page)) == {f"my-laptop.local:{server.port}"}
