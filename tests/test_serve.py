"""`tutor serve` without a browser: who may connect, a port already taken, and what it imports.

The page itself, in a real browser, is tests/e2e/test_browser.py.
"""

from __future__ import annotations

import os
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
