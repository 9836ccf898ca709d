"""The command line: subcommands, --json shapes, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from brief_tui.cli import main
from tests.support.httpserver import Rule
from tests.support.scenarios import RSS, plain

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "cli"

FEED_KEYS = {"url", "title", "home_page", "icon", "favicon", "language", "group", "story_count",
             "last_status", "error"}
STORY_KEYS = {"id", "feed_url", "guid", "number", "title", "display_title", "link", "published",
              "updated", "authors", "enclosures", "language", "summary", "text", "markdown",
              "read", "starred", "tags"}


def run(capsys, *args):
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *args):
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_import_opml_twice_adds_nothing(capsys, tmp_path):
    d = str(tmp_path / "d")
    code, out, _ = run(capsys, "--data-dir", d, "import", str(FIX / "subs.opml"))
    assert code == 0 and "3 new feeds of 3" in out
    run(capsys, "import", str(FIX / "subs.opml"), "--data-dir", d)
    feeds = run_json(capsys, "feeds", "--data-dir", d)
    assert [(f["url"], f["group"]) for f in feeds] == [
        ("https://alpha.example.com/feed.xml", "Tech"),
        ("https://beta.example.com/atom.xml", "Tech/Nested"),
        ("https://gamma.example.org/rss", None)]
    assert FEED_KEYS <= set(feeds[0])


def test_import_briefing_then_stories_json(capsys, tmp_path):
    d = str(tmp_path / "d")
    code, out, _ = run(capsys, "--data-dir", d, "import", str(FIX / "brief.txt"))
    assert code == 0 and "2 new stories" in out
    stories = run_json(capsys, "--data-dir", d, "stories")
    assert STORY_KEYS <= set(stories[0])
    by_number = {s["number"]: s for s in stories}
    assert by_number[1]["title"] == "Acme Corp raises $40 million for grid batteries"
    assert by_number[1]["link"] == "https://example.com/acme-raise"
    assert by_number[1]["text"].count("Acme Corp has raised $40 million") == 1
    assert by_number[2]["feed_url"] == (FIX / "brief.txt").resolve().as_uri()
    shown = run_json(capsys, "--data-dir", d, "show", str(by_number[2]["id"]))
    assert shown["title"] == "Beta Labs opens office in Berlin"


def test_add_refresh_and_tag(capsys, tmp_path, make_scenario_server):
    d = str(tmp_path / "d")
    srv = make_scenario_server({"/f.xml": [Rule(200, RSS, plain("b20-redirect-target.xml"))]})
    url = srv.url("/f.xml")
    code, out, _ = run(capsys, "--data-dir", d, "add", url)
    assert code == 0 and out.startswith(f"added {url} (Moved feed): 1 stories")
    code, out, _ = run(capsys, "--data-dir", d, "add", url)
    assert (code, out.strip()) == (0, f"already subscribed: {url}")
    code, out, _ = run(capsys, "--data-dir", d, "refresh")
    assert code == 0 and out.startswith(f"unchanged {url}  Moved feed")
    [story] = run_json(capsys, "--data-dir", d, "stories", "--feed", url)
    code, out, _ = run(capsys, "--data-dir", d, "tag", str(story["id"]), "AI", "Policy")
    assert out.strip() == f"story {story['id']}: tags ai policy"
    tagged = run_json(capsys, "--data-dir", d, "tag", str(story["id"]), "-ai")
    assert tagged["tags"] == ["policy"]
    assert run_json(capsys, "--data-dir", d, "stories", "--tag", "policy")[0]["id"] == story["id"]


def test_refresh_reports_errors_and_exits_1(capsys, tmp_path, make_scenario_server):
    d = str(tmp_path / "d")
    srv = make_scenario_server({"/f.xml": [Rule(200, RSS, plain("b20-redirect-target.xml"))]})
    run(capsys, "--data-dir", d, "add", srv.url("/f.xml"))
    srv.set_routes({"/f.xml": [Rule(500, {}, "boom")]})
    code, out, _ = run(capsys, "--data-dir", d, "refresh")
    assert code == 1
    assert out.startswith(f"error     {srv.url('/f.xml')}")
    assert "http: " in out and "500" in out
    [feed] = run_json(capsys, "--data-dir", d, "feeds")
    assert (feed["last_status"], feed["error_category"], feed["story_count"]) == ("error", "http", 1)


def test_errors_are_one_line_without_traceback(capsys, tmp_path):
    d = str(tmp_path / "d")
    code, out, err = run(capsys, "--data-dir", d, "show", "999")
    assert (code, out) == (1, "")
    assert err == "brief-tui: story 999: no such story\n"
    code, _, err = run(capsys, "--data-dir", d, "import", str(tmp_path / "missing.txt"))
    assert code == 1 and err.count("\n") == 1 and "missing.txt" in err
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01 just bytes")
    code, _, err = run(capsys, "--data-dir", d, "import", str(bad))
    assert code == 1 and err.strip() == f"brief-tui: {bad}: not a recognised feed format"


def test_bad_config_names_file_and_key(capsys, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[fetch]\nconcurrency = 'lots'\n")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "--config", str(cfg), "feeds")
    assert code == 1
    assert err.strip() == (f"brief-tui: {cfg}: fetch.concurrency: expected an integer, "
                           f"got 'lots'")


def test_export_opml_round_trips(capsys, tmp_path):
    d = str(tmp_path / "d")
    run(capsys, "--data-dir", d, "import", str(FIX / "subs.opml"))
    out_file = tmp_path / "out.opml"
    code, _, _ = run(capsys, "--data-dir", d, "export-opml", str(out_file))
    assert code == 0
    d2 = str(tmp_path / "d2")
    run(capsys, "--data-dir", d2, "import", str(out_file))
    assert ([(f["url"], f["group"]) for f in run_json(capsys, "--data-dir", d2, "feeds")]
            == [(f["url"], f["group"]) for f in run_json(capsys, "--data-dir", d, "feeds")])


def test_console_script_runs_in_a_subprocess(tmp_path):
    env = dict(os.environ, BRIEF_TUI_DATA_DIR=str(tmp_path / "d"))
    r = subprocess.run([sys.executable, "-m", "brief_tui", "stories", "--json"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert (r.returncode, r.stdout.strip(), r.stderr) == (0, "[]", "")
    r = subprocess.run([sys.executable, "-m", "brief_tui", "show", "x"], capture_output=True,
                       text=True, env=env, timeout=60)
    assert r.returncode == 2 and "Traceback" not in r.stderr


@pytest.mark.parametrize("argv", [["--version"]])
def test_version(capsys, argv):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith("brief-tui 0.1.0")


def _rss(title: str, n: int) -> str:
    items = "".join(f"<item><title>{title} story {i} about grid batteries</title>"
                    f'<guid isPermaLink="false">{title}-{i}</guid>'
                    f"<link>https://{title}.example.com/{i}</link>"
                    f"<description>&lt;p&gt;Body {i} of {title}.&lt;/p&gt;</description></item>"
                    for i in range(n))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}' \
           f"</channel></rss>"


def test_import_many_files_is_one_batch_with_per_file_errors(capsys, tmp_path):
    # Five documents (parsed by worker processes), an OPML file, a broken and a missing file:
    # every good file is stored, each bad one gets its own one-line error, order is kept.
    files = []
    for n, name in enumerate(["alpha", "beta", "gamma", "delta", "epsilon"]):
        path = tmp_path / f"{name}.xml"
        path.write_text(_rss(name, n + 1))
        files.append(path)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01 just bytes")
    missing = tmp_path / "missing.xml"
    d = str(tmp_path / "d")
    args = [str(files[0]), str(bad), str(FIX / "subs.opml"), *map(str, files[1:]), str(missing)]
    code, out, err = run(capsys, "--data-dir", d, "import", *args)
    assert code == 1
    assert out.splitlines() == [
        f"{files[0]}: 1 new story (alpha)",
        f"{FIX / 'subs.opml'}: 3 new feeds of 3",
        f"{files[1]}: 2 new stories (beta)",
        f"{files[2]}: 3 new stories (gamma)",
        f"{files[3]}: 4 new stories (delta)",
        f"{files[4]}: 5 new stories (epsilon)",
    ]
    lines = err.splitlines()
    assert lines[0] == f"brief-tui: {bad}: not a recognised feed format"
    assert len(lines) == 2 and str(missing) in lines[1] and "cannot read the file" in lines[1]
    stories = run_json(capsys, "--data-dir", d, "stories", "--limit", "100")
    assert sorted(s["guid"] for s in stories) == sorted(
        f"{name}-{i}" for n, name in enumerate(["alpha", "beta", "gamma", "delta", "epsilon"])
        for i in range(n + 1))
    # Importing the same files again stores nothing new.
    code, out, _ = run(capsys, "--data-dir", d, "import", *map(str, files))
    assert code == 0 and [line.split(": ")[1] for line in out.splitlines()] == \
        ["0 new stories (alpha)", "0 new stories (beta)", "0 new stories (gamma)",
         "0 new stories (delta)", "0 new stories (epsilon)"]
