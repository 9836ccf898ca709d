"""SIGKILL at random moments during refresh, tagging, starring, note editing, highlighting and
export:
the database must open, pass ``PRAGMA integrity_check`` (and the FTS index check), and hold
every change the worker acknowledged before it died.

At least 50 kills in all (the issue's bar); each kill restarts a worker on the same data dir.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brief_tui.store import Store

ROOT = Path(__file__).resolve().parents[2]
MODES = {"tag": 10, "note": 10, "star": 8, "highlight": 8, "refresh": 8, "export": 8}


def run_and_kill(data_dir: Path, mode: str, seed: int, rng: random.Random) -> list[list[str]]:
    env = dict(os.environ, PYTHONPATH=f"{ROOT}:{ROOT / 'src'}")
    proc = subprocess.Popen([sys.executable, "-m", "tests.support.crash_worker", str(data_dir),
                             mode, str(seed)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, env=env)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.strip() == "READY", first + proc.stderr.read()
    # Export imports Jinja2 on its first call: give it time to reach its write loop.
    time.sleep(rng.uniform(0.0, 0.35) + (0.8 if mode == "export" else 0.0))
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, err[-2000:]
    return [line.split() for line in out.splitlines() if line.startswith("ACK ")]


@pytest.mark.slow
def test_sigkill_never_corrupts_or_loses_acknowledged_changes(tmp_path):
    rng = random.Random(20261129)
    data_dir = tmp_path / "data"
    kills = 0
    tags: dict[int, set[str]] = {}
    last_note: dict[int, int] = {}
    highlights: set[int] = set()
    refreshed = 0
    exported: set[str] = set()
    for mode, rounds in MODES.items():
        for r in range(rounds):
            for ack in run_and_kill(data_dir, mode, seed=kills + 1, rng=rng):
                _, op, sid, value = ack
                if op == "tag":
                    tags.setdefault(int(sid), set()).add(value)
                elif op == "note":
                    last_note[int(sid)] = int(value)
                elif op == "highlight":
                    highlights.add(int(value))
                elif op == "refresh":
                    refreshed = max(refreshed, int(value))
                elif op == "export":
                    exported.add(value)
            kills += 1
            store = Store(data_dir / "brief.db")
            try:
                assert store.integrity_check() == "ok"
                for sid, want in tags.items():
                    assert want <= set(store.require_story(sid).tags)
                for sid, n in last_note.items():
                    note = store.require_story(sid).note
                    assert note is not None and int(note.split()[1]) >= n
                found = {h.id for sid in store.story_ids() for h in store.user_highlights(sid)}
                assert highlights <= found
                if refreshed:
                    assert len(store.story_ids()) >= 20
                for path in exported:  # atomic writes: every export file is whole
                    text = Path(path).read_text("utf-8")
                    assert text.startswith("---\n") and text.endswith("\n")
                    assert text.count("\n---\n") >= 1
            finally:
                store.close()
    assert kills >= 50
    assert sum(len(t) for t in tags.values()) > 0 and last_note and highlights and exported
