"""The TUI reaches the engine only through the service (mirrors the import-linter contract)."""

from __future__ import annotations

import ast
from pathlib import Path

import brief_tui.tui

FORBIDDEN = ("brief_tui.store", "brief_tui.fetch", "sqlite3", "httpx")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_tui_never_imports_store_fetch_sqlite_or_httpx():
    root = Path(brief_tui.tui.__file__).parent
    offenders = {}
    for path in sorted(root.rglob("*.py")):
        bad = sorted(m for m in imported_modules(path)
                     if any(m == f or m.startswith(f + ".") for f in FORBIDDEN))
        if bad:
            offenders[str(path.relative_to(root))] = bad
    assert offenders == {}
