"""Shared fixtures: a running Kaltura simulator and official-client factories.

The simulator binary comes from ``KALTURA_SIM_BIN`` (default ``$CARGO_TARGET_DIR/debug/kaltura-sim``,
``CARGO_TARGET_DIR`` defaulting to the repository's ``target``). It is started once per test session on
port 0; its first stdout line tells the URL.
"""

import os
import pathlib
import subprocess
import threading

import pytest
from KalturaClient import KalturaClient, KalturaConfiguration
from KalturaClient.Plugins.Core import KalturaSessionType

REPO = pathlib.Path(__file__).resolve().parents[2]

# The simulator's demo partner (see crates/kaltura-sim/README.md).
PARTNER_ID = 100
ADMIN_SECRET = "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e"
USER_SECRET = "0ddba11c0ddba11c0ddba11c0ddba11c"


def _simulator_binary():
    explicit = os.environ.get("KALTURA_SIM_BIN")
    if explicit:
        return explicit
    target = os.environ.get("CARGO_TARGET_DIR", str(REPO / "target"))
    return os.path.join(target, "debug", "kaltura-sim")


@pytest.fixture(scope="session")
def sim_url(tmp_path_factory):
    """Base URL (``serviceUrl``) of a simulator running for the whole test session."""
    binary = _simulator_binary()
    if not os.path.exists(binary):
        pytest.fail(f"simulator binary not found at {binary}; build it with `cargo build -p kaltura-sim`")
    data_dir = tmp_path_factory.mktemp("kaltura-sim")
    proc = subprocess.Popen(
        [binary, "--listen", "127.0.0.1:0", "--ready-delay-ms", "50", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    first_line = []
    reader = threading.Thread(target=lambda: first_line.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=60)
    line = first_line[0].strip() if first_line else ""
    if not line.startswith("listening on "):
        proc.kill()
        proc.wait()
        pytest.fail(f"simulator did not announce its address (got {line!r})")
    try:
        yield line[len("listening on "):]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def new_client(sim_url):
    """Factory of official clients pointed at the simulator, without a KS."""

    def make():
        config = KalturaConfiguration(PARTNER_ID)
        config.serviceUrl = sim_url
        return KalturaClient(config)

    return make


@pytest.fixture
def admin_client(new_client):
    """An official client holding an ADMIN KS from session.start."""
    client = new_client()
    ks = client.session.start(ADMIN_SECRET, "admin", KalturaSessionType.ADMIN, PARTNER_ID)
    client.setKs(ks)
    return client
