"""Test TLS material: a throw-away self-signed certificate for 127.0.0.1.

Public names: :func:`self_signed_context` (returns a server-side ``ssl.SSLContext`` and the
certificate path, or raises ``pytest.skip`` when the ``openssl`` command is missing).
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import pytest


def self_signed_context(folder: Path) -> tuple[ssl.SSLContext, Path]:
    """Write an EC P-256 self-signed certificate for ``IP:127.0.0.1`` into ``folder`` (valid
    one day) and return a server context using it, with the certificate's path (a client that
    loads it as its CA trusts the server)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is not installed")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context, cert
