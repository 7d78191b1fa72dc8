"""Shared fixtures: running Kaltura and Telestream simulators and official-client factories.

The simulator binaries come from ``KALTURA_SIM_BIN`` and ``TELESTREAM_SIM_BIN`` (default
``$CARGO_TARGET_DIR/debug/kaltura-sim`` and ``.../telestream-sim``, ``CARGO_TARGET_DIR`` defaulting to the
repository's ``target``). Each is started once per test session on port 0; its first stdout line tells the
URL.
"""

import dataclasses
import functools
import http.server
import json
import os
import pathlib
import subprocess
import threading
import urllib.request

import pytest
from KalturaClient import KalturaClient, KalturaConfiguration
from KalturaClient.Plugins.Core import KalturaSessionType

REPO = pathlib.Path(__file__).resolve().parents[2]

# The simulator's demo partner (see crates/kaltura-sim/README.md).
PARTNER_ID = 100
ADMIN_SECRET = "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e"
USER_SECRET = "0ddba11c0ddba11c0ddba11c0ddba11c"


# The Telestream simulator's demo account and factory (see crates/telestream-sim/README.md).
TELESTREAM_ACCESS_KEY = "ak_demo_5ca1ab1e"
TELESTREAM_SECRET_KEY = "sk_demo_0ddba11c0ddba11c"
TELESTREAM_API_KEY = "tcs_demo5ca1ab1e0ddba11c0000"
TELESTREAM_FACTORY_ID = "fac70e1e5ca1ab1e0ddba11cfac70e1e"
# How long a Telestream encoding stays `processing`: long enough to be seen, short enough to wait for.
TELESTREAM_ENCODING_DELAY_MS = 300


def _simulator_binary(variable, name):
    explicit = os.environ.get(variable)
    if explicit:
        return explicit
    target = os.environ.get("CARGO_TARGET_DIR", str(REPO / "target"))
    return os.path.join(target, "debug", name)


def _serve(variable, name, args):
    """Starts simulator ``name`` with ``args`` on a free port, yields its URL, stops it afterwards."""
    binary = _simulator_binary(variable, name)
    if not os.path.exists(binary):
        pytest.fail(f"simulator binary not found at {binary}; build it with `cargo build -p {name}`")
    proc = subprocess.Popen([binary, "--listen", "127.0.0.1:0", *args], stdout=subprocess.PIPE, text=True)
    first_line = []
    reader = threading.Thread(target=lambda: first_line.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=60)
    line = first_line[0].strip() if first_line else ""
    if not line.startswith("listening on "):
        proc.kill()
        proc.wait()
        pytest.fail(f"{name} did not announce its address (got {line!r})")
    try:
        yield line[len("listening on "):]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def sim_url(tmp_path_factory):
    """Base URL (``serviceUrl``) of a Kaltura simulator running for the whole test session."""
    data_dir = tmp_path_factory.mktemp("kaltura-sim")
    yield from _serve("KALTURA_SIM_BIN", "kaltura-sim", ["--ready-delay-ms", "50", "--data-dir", str(data_dir)])


@pytest.fixture(scope="session")
def telestream_url(tmp_path_factory):
    """Base URL (``http://127.0.0.1:PORT``) of a Telestream simulator running for the whole test session."""
    data_dir = tmp_path_factory.mktemp("telestream-sim")
    yield from _serve(
        "TELESTREAM_SIM_BIN",
        "telestream-sim",
        ["--encoding-delay-ms", str(TELESTREAM_ENCODING_DELAY_MS), "--data-dir", str(data_dir)],
    )


@dataclasses.dataclass(frozen=True)
class TelestreamSim:
    """A running Telestream simulator: its URL, the demo account and factory, and its fault switch."""

    url: str
    access_key: str = TELESTREAM_ACCESS_KEY
    secret_key: str = TELESTREAM_SECRET_KEY
    api_key: str = TELESTREAM_API_KEY
    factory_id: str = TELESTREAM_FACTORY_ID

    @property
    def host_and_port(self):
        """``("127.0.0.1", PORT)`` of :attr:`url`."""
        host, port = self.url.removeprefix("http://").rsplit(":", 1)
        return host, int(port)

    def set_faults(self, *rules):
        """Replaces the fault rules (``{"target": "upload.part", "drop_rate": 1.0}``, ...)."""
        body = json.dumps({"rules": list(rules)}).encode()
        request = urllib.request.Request(
            f"{self.url}/__sim/faults", data=body, method="PUT", headers={"Content-Type": "application/json"}
        )
        urllib.request.urlopen(request, timeout=10).close()

    def clear_faults(self):
        urllib.request.urlopen(
            urllib.request.Request(f"{self.url}/__sim/faults", method="DELETE"), timeout=10
        ).close()

    def fetch(self, url):
        """The bytes served at ``url`` (a factory file)."""
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()


@pytest.fixture
def telestream_sim(telestream_url):
    """The session's Telestream simulator, with its faults cleared after each test."""
    sim = TelestreamSim(telestream_url)
    try:
        yield sim
    finally:
        sim.clear_faults()


@pytest.fixture
def served_sample():
    """``fixtures/media/sample.mp4`` served over HTTP on 127.0.0.1, as a remote source for ``source_url``."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(REPO / "fixtures" / "media"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/sample.mp4"
    finally:
        server.shutdown()
        server.server_close()


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
