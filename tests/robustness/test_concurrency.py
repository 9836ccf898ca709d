"""The reader open and `brief-tui refresh` from cron at the same time: both work, no
"database is locked", no lost write."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from brief_tui.service import Service

ROOT = Path(__file__).resolve().parents[2]


def feed_xml(name: str, n: int) -> str:
    items = "".join(f"<item><title>{name} story {i}</title><guid>{name}-{i}</guid>"
                    f"<description>{'word ' * 200}{i}</description></item>" for i in range(n))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>'
            f"{items}</channel></rss>")


def test_reader_writes_while_cron_refreshes(tmp_path):
    data = tmp_path / "data"
    feeds = []
    for k in range(12):
        f = tmp_path / f"feed{k}.xml"
        f.write_text(feed_xml(f"f{k}", 40))
        feeds.append(f)
    reader = Service.open(data)
    for f in feeds:
        reader.import_path(f)
    ids = reader.story_ids()
    # The "cron" side: a separate process refreshing repeatedly while the files keep growing.
    script = (
        "import sys, pathlib\n"
        "from brief_tui.cli import main\n"
        "files = [pathlib.Path(p) for p in sys.argv[2:]]\n"
        "for round in range(4):\n"
        "    for k, f in enumerate(files):\n"
        "        items = ''.join(f'<item><title>f{k} r{round} {i}</title><guid>f{k}-r{round}-{i}</guid>'\n"
        "                        f'<description>{\"text \" * 300}</description></item>' for i in range(30))\n"
        "        f.write_text('<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title>'\n"
        "                     + items + '</channel></rss>')\n"
        "    code = main(['--data-dir', sys.argv[1], 'refresh'])\n"
        "    assert code == 0, code\n"
        "print('CRON-OK')\n")
    env = dict(os.environ, PYTHONPATH=f"{ROOT / 'src'}")
    cron = subprocess.Popen([sys.executable, "-c", script, str(data), *map(str, feeds)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    done: list[tuple[int, str]] = []
    errors: list[str] = []
    n = 0
    deadline = time.monotonic() + 120
    while cron.poll() is None and time.monotonic() < deadline:
        sid = ids[n % len(ids)]
        try:
            reader.tag([sid], [f"r{n}"])
            reader.mark_read([sid], bool(n % 2))
            reader.set_note(sid, f"note {n}")
            done.append((sid, f"r{n}"))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        n += 1
    out, err = cron.communicate(timeout=120)
    assert errors == []
    assert cron.returncode == 0 and "CRON-OK" in out, err[-1500:]
    assert "locked" not in err
    assert len(done) > 20
    reader.close()
    check = Service.open(data)
    for sid, tag in done:
        assert tag in check.story(sid).tags
    assert len(check.story_ids()) == 12 * 40 + 12 * 30 * 4
    assert check.store.integrity_check() == "ok"
    check.close()
