"""`psoas serve`: loopback only in personal mode, and the app it would run starts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
from typer.testing import CliRunner

from psoas.cli import app
from psoas.cli.serve import is_loopback


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("::", False),
        ("example.org", False),
        ("", False),
    ],
)
def test_is_loopback(host, expected):
    assert is_loopback(host) is expected


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_serve_refuses_a_non_loopback_host_in_personal_mode(host):
    result = CliRunner().invoke(app, ["serve", "--host", host])
    assert result.exit_code == 2
    assert "personal mode only listens on this machine" in result.output


def test_serve_refusal_exits_non_zero_through_the_real_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "psoas", "serve", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )
    assert result.returncode == 2 and "127.0.0.1" in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_starts_the_app_on_loopback(tmp_path):
    port = _free_port()
    env = {**os.environ, "PSOAS_DATA_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "psoas", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert response.status_code == 200 and "psoas" in response.text
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("clinic", [True, False])
def test_several_workers_need_clinic_mode_on_a_shared_database(tmp_path, clinic):
    env = {**os.environ, "PSOAS_DATA_DIR": str(tmp_path)}
    env["PSOAS_DATABASE_URL"] = f"sqlite:///{tmp_path / 'clinic.db'}"
    env.pop("PSOAS_MODE", None)
    command = [sys.executable, "-m", "psoas", "serve", "--workers", "2"]
    result = subprocess.run(
        command + (["--clinic"] if clinic else []),
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 2
    assert "--workers 2: several workers need clinic mode" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
