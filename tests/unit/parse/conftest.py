"""Fixtures for the parse-layer tests: the project's own documents under tests/fixtures/parse."""

from __future__ import annotations

from pathlib import Path

import pytest

PARSE_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "parse"


def fixture_bytes(name: str) -> bytes:
    """The exact bytes of ``tests/fixtures/parse/<name>``."""
    return (PARSE_FIXTURES / name).read_bytes()


@pytest.fixture
def load():
    """``load(name)`` -> bytes of a parse fixture."""
    return fixture_bytes
