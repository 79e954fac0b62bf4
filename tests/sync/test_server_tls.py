"""`fieldcrm-server serve --certfile --keyfile`: the server terminates TLS itself, in one process or several; a
certificate made here, for 127.0.0.1, and real https requests that trust only it."""

from __future__ import annotations

import ipaddress
import ssl
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from laptops import PASSWORD, free_port

from fieldcrm.ids import uuid7
from fieldcrm.server import accounts
from fieldcrm.server.db import make_engine, migrate
from waiting import HANG_GUARD, wait_for


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, valid for a day, and its key: (cert.pem, key.pem)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fieldcrm test server")])
    now = datetime.now(UTC)
    alt = x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(alt, critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


def serve(database: Path, port: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "fieldcrm.server.cli", "serve", "--database-url", f"sqlite:///{database}",
         "--port", str(port), "--access-log", "off", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def answers(url: str, verify: ssl.SSLContext) -> bool:
    try:
        return httpx.get(f"{url}/health", verify=verify, timeout=HANG_GUARD).status_code == 200
    except httpx.TransportError:
        return False


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_terminates_tls_itself(tmp_path: Path, workers: str) -> None:
    database = tmp_path / "server.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    migrate(engine)
    accounts.create_user(engine, "张伟", "rep", "华东一组", PASSWORD)
    engine.dispose()
    cert, key = self_signed(tmp_path)
    trust_only_it = ssl.create_default_context(cafile=str(cert))
    port = free_port()
    server = serve(database, port, "--certfile", str(cert), "--keyfile", str(key), "--workers", workers)
    url = f"https://127.0.0.1:{port}"
    try:
        wait_for(lambda: answers(url, trust_only_it) or server.poll() is not None, "the server answers https")
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        login = {"user": "张伟", "password": PASSWORD, "device_id": uuid7()}
        answer = httpx.post(f"{url}/auth/login", json=login, verify=trust_only_it, timeout=HANG_GUARD)
        assert answer.status_code == 200 and answer.json()["user"]["name"] == "张伟"
        with pytest.raises(httpx.TransportError):  # no plain http on that port
            httpx.get(f"http://127.0.0.1:{port}/health", timeout=HANG_GUARD).raise_for_status()
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):  # and it is this certificate
            httpx.get(f"{url}/health", timeout=HANG_GUARD)
    finally:
        server.terminate()
        out, _err = server.communicate(timeout=HANG_GUARD)
    assert f"serving on https://127.0.0.1:{port}" in out


def test_serve_refuses_half_a_tls_setup_with_one_sentence(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    other_key = tmp_path / "other-key.pem"
    other_key.write_bytes(
        ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    database = tmp_path / "server.sqlite3"
    for extra, said in (
        (("--certfile", str(cert)), "--certfile and --keyfile go together"),
        (("--certfile", str(cert), "--keyfile", str(other_key)), f"cannot use {cert} with {other_key}"),
    ):
        server = serve(database, free_port(), *extra)
        out, err = server.communicate(timeout=HANG_GUARD)
        assert server.returncode == 1, out + err
        assert err.startswith(f"error: {said}") and len(err.strip().splitlines()) == 1, err
