"""A corrupt or foreign database, an unusable data directory, a broken config: one line naming
the file and what to do, exit 1, no traceback, the user's file untouched; a corrupt database is
moved aside (kept) only after the user agrees."""

from __future__ import annotations

import sqlite3

from brief_tui.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def make_populated(tmp_path, capsys):
    d = tmp_path / "d"
    feed = tmp_path / "f.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                    '<item><title>One</title><guid>1</guid></item></channel></rss>')
    assert run(capsys, "--data-dir", str(d), "import", str(feed))[0] == 0
    return d


def corrupt(db):
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page
    db.write_bytes(bytes(data))


def test_corrupt_database_one_line_error_and_untouched(tmp_path, capsys):
    d = make_populated(tmp_path, capsys)
    db = d / "brief.db"
    run(capsys, "--data-dir", str(d), "feeds")  # checkpoint happens on close
    corrupt(db)
    before = db.read_bytes()
    code, out, err = run(capsys, "--data-dir", str(d), "feeds")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and str(db) in err and "repair-db" in err
    assert "Traceback" not in err
    assert db.read_bytes() == before


def test_repair_db_asks_and_keeps_the_damaged_file(tmp_path, capsys, monkeypatch):
    d = make_populated(tmp_path, capsys)
    db = d / "brief.db"
    run(capsys, "--data-dir", str(d), "feeds")
    corrupt(db)
    damaged = db.read_bytes()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, out, err = run(capsys, "--data-dir", str(d), "repair-db")
    assert code == 1 and "repair-db --yes" in err and db.read_bytes() == damaged
    code, out, _ = run(capsys, "--data-dir", str(d), "repair-db", "--yes")
    assert code == 0
    kept = [p for p in d.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert f"kept the damaged file as {kept[0]}" in out
    code, out, _ = run(capsys, "--data-dir", str(d), "feeds", "--json")
    assert (code, out.strip()) == (0, "[]")


def test_repair_db_on_sound_database_does_nothing(tmp_path, capsys):
    d = make_populated(tmp_path, capsys)
    code, out, _ = run(capsys, "--data-dir", str(d), "repair-db", "--yes")
    assert code == 0 and "sound; nothing to do" in out


def test_foreign_database_is_refused(tmp_path, capsys):
    d = tmp_path / "d"
    d.mkdir()
    conn = sqlite3.connect(d / "brief.db")
    conn.execute("CREATE TABLE mine(x)")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "--data-dir", str(d), "feeds")
    assert code == 1
    assert err.strip() == (f"brief-tui: {d / 'brief.db'}: this SQLite file is not a brief-tui "
                           f"cache (it has other tables); choose another --data-dir")


def test_data_dir_that_is_a_file(tmp_path, capsys):
    f = tmp_path / "file"
    f.write_text("x")
    code, _, err = run(capsys, "--data-dir", str(f / "sub"), "feeds")
    assert code == 1 and err.count("\n") == 1
    assert str(f / "sub") in err and "cannot create the data directory" in err


def test_missing_config_is_fine_broken_config_names_line(tmp_path, capsys):
    cfg = tmp_path / "config.toml"
    code, _, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "--config", str(cfg), "feeds")
    assert code == 0
    cfg.write_text("[fetch\nconcurrency = 3\n")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "--config", str(cfg), "feeds")
    assert code == 1 and err.count("\n") == 1
    assert str(cfg) in err and "invalid TOML" in err and "line 1" in err
