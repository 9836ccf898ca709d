"""Export through the service and the command line, over a real cache.

Extraction is replaced by a fixed stub (the whole-file expectations must not move when the
extractor improves); one test runs the real extractor.
"""

from __future__ import annotations

import json
import time

import pytest

from brief_tui.cli import main
from brief_tui.domain.errors import ExportError
from brief_tui.domain.models import Highlight
from brief_tui.export import ExportSelection
from brief_tui.service import Service
from tests.unit.export.conftest import FIX, expect_file

FEED = FIX / "feed.xml"


def stub_extraction(self, story):
    """Figures found by plain search, so the test controls exactly what is extracted."""
    out = []
    for rank, fig in enumerate(f for f in ("$40 million", "23%", "2.3x") if f in story.text):
        start = story.text.index(fig)
        out.append(Highlight("figure", fig, start, start + len(fig), rank))
    return out


@pytest.fixture
def utc(monkeypatch):
    """Local time is UTC, so 'today' is the fake clock's UTC day (2026-11-29)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def svc(service, tmp_path, monkeypatch, utc):
    """The shared service over the export feed, exporting to ``tmp_path/exports``."""
    monkeypatch.setattr(Service, "extracted_highlights", stub_extraction)
    service.config.export.directory = str(tmp_path / "exports")
    service.import_path(FEED)
    return service


def ids(service) -> dict[str, int]:
    """Story id by the first word of its title."""
    return {s.display_title.split()[0]: s.id for s in service.stories()}


def prepare(service) -> dict[str, int]:
    """Tags, stars, notes, a highlight and an unavailable full text, as an analyst would."""
    by = ids(service)
    acme = service.story(by["Acme"])
    service.tag([by["Acme"]], ["energy", "AI"])
    service.set_note(by["Acme"], "Watch **this** one.")
    start = acme.text.index("values the company")
    h = service.toggle_highlight(by["Acme"], start, start + len("values the company at 2.3x"))
    service.set_highlight_note(h.id, "High multiple.")
    service.star([by["Beta"], by["Quarterly"]])
    service.tag([by["[bold]Not"]], ["markup"])
    service.tag([by["Old"]], ["energy"])
    service.store.set_fulltext(by["Quarterly"], "unavailable")
    return by


def test_today_briefing_whole_file(svc, tmp_path):
    prepare(svc)
    [path] = svc.export(ExportSelection.today())
    assert path == tmp_path / "exports" / "brief-2026-11-29.md"
    expect_file("service-brief-2026-11-29.md", path.read_text("utf-8"))


def test_export_is_byte_identical_and_refuses_to_overwrite(svc):
    prepare(svc)
    [path] = svc.export(ExportSelection.today())
    first = path.read_bytes()
    with pytest.raises(ExportError) as err:
        svc.export(ExportSelection.today())
    assert err.value.category == "exists"
    assert str(err.value) == f"{path}: already exists; use --force to overwrite"
    assert svc.export(ExportSelection.today(), force=True) == [path]
    assert path.read_bytes() == first


def test_tag_and_search_and_ids(svc, tmp_path):
    by = prepare(svc)
    [tag] = svc.export(ExportSelection.of_tag("Energy"))
    assert tag.name == "tag-energy.md"
    text = tag.read_text("utf-8")
    assert text.startswith('---\ntitle: "Tag: energy"\nselection: tag\ntag: energy\n')
    assert text.index("## Acme Corp") < text.index("## Old news about grid storage")
    _, files = svc.render_export(ExportSelection.of_query("tomatoes"))
    assert [name for name, _ in files] == ["search-tomatoes.md"]
    assert "## Quarterly garden report" in files[0][1] and "Acme" not in files[0][1]
    written = svc.export(ExportSelection.of_ids([by["Old"], by["Acme"]]), split=True)
    assert [p.relative_to(tmp_path / "exports").as_posix() for p in written] == [
        "old-news-about-grid-storage-and-1-more/old-news-about-grid-storage.md",
        "old-news-about-grid-storage-and-1-more/"
        "acme-corp-raises-40-million-for-grid-batteries.md"]


def test_b33_b34_b41_through_the_whole_pipeline(svc):
    by = prepare(svc)
    _, [(name, markup)] = svc.render_export(ExportSelection.of_ids([by["[bold]Not"]]))
    assert name == "bold-not-actually-bold-bold-a-0-and-b-i-red.md"
    assert "# \\[bold\\]Not actually bold\\[/bold\\] a\\[0\\] and b\\[i\\] RED\n" in markup
    assert "\\[@click=app.quit\\]Press me\\[/\\] and bold here first second\n" in markup
    assert "\x1b" not in markup and "\x07" not in markup and "\r" not in markup
    _, [(_, garden)] = svc.render_export(ExportSelection.of_ids([by["Quarterly"]]))
    assert garden.endswith("## Text\n\n*Full text unavailable: this is the feed's content.*"
                           "\n\nTeaser: tomatoes did well.\n")


def test_nothing_to_export(svc):
    with pytest.raises(ExportError) as err:
        svc.export(ExportSelection.today())
    assert (str(err.value), err.value.category) == (
        "today (starred or tagged stories): no stories to export", "empty")
    with pytest.raises(ExportError) as err:
        svc.export(ExportSelection.of_tag("nothing"))
    assert str(err.value) == "tag nothing: no stories to export"


def test_configured_user_template(svc, tmp_path):
    prepare(svc)
    (tmp_path / "cfg" / "templates").mkdir(parents=True)
    (tmp_path / "cfg" / "templates" / "card.md.j2").write_bytes(
        (FIX / "templates" / "card.md.j2").read_bytes())
    svc.config.path = tmp_path / "cfg" / "config.toml"
    svc.config.export.template = "card"
    _, [(_, text)] = svc.render_export(ExportSelection.today())
    assert [line for line in text.splitlines() if line[:1].isdigit()] == [
        "1. Acme Corp raises \\$40 million for grid batteries (#ai #energy)",
        "2. \\[bold\\]Not actually bold\\[/bold\\] a\\[0\\] and b\\[i\\] RED (#markup)",
        "3. Beta Labs opens office in Berlin", "4. Quarterly garden report"]
    bad = tmp_path / "cfg" / "templates" / "bad.md.j2"
    bad.write_text("{{ x }\n")
    with pytest.raises(ExportError) as err:
        svc.export(ExportSelection.today(), template="bad")
    assert str(err.value) == f"{bad}:1: unexpected '}}'"


def test_real_extractor_feeds_key_figures(service, tmp_path, utc):
    service.import_path(FEED)
    acme = next(s for s in service.stories() if s.display_title.startswith("Acme"))
    _, [(_, text)] = service.render_export(ExportSelection.of_ids([acme.id]))
    assert "## Key figures\n\n- **\\$40 million** — Acme Corp has raised \\$40 million" in text


# -- the command line ----------------------------------------------------------------------
def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(Service, "extracted_highlights", stub_extraction)
    code, _, err = run(capsys, "import", str(FEED))
    assert code == 0, err
    code, out, _ = run(capsys, "stories", "--json")
    return {s["title"].split()[0]: s["id"] for s in json.loads(out)}


def test_cli_highlights_json_and_grouped(cli, capsys):
    acme = cli["Acme"]
    svc = Service.open()
    try:
        text = svc.story(acme).text
        start = text.index("Acme Corp")
        h = svc.toggle_highlight(acme, start, start + len("Acme Corp"))
        svc.set_highlight_note(h.id, "the buyer")
    finally:
        svc.close()
    code, out, _ = run(capsys, "highlights", str(acme), "--json")
    assert code == 0
    assert json.loads(out) == [
        {"kind": "user", "text": "Acme Corp", "start": 0, "end": 9, "rank": 0, "id": h.id,
         "note": "the buyer", "lost": False},
        {"kind": "figure", "text": "$40 million", "start": 21, "end": 32, "rank": 0},
        {"kind": "figure", "text": "23%", "start": text.index("23%"),
         "end": text.index("23%") + 3, "rank": 1},
        {"kind": "figure", "text": "2.3x", "start": text.index("2.3x"),
         "end": text.index("2.3x") + 4, "rank": 2}]
    code, out, _ = run(capsys, "highlights", str(acme))
    assert out == ("user (1)\n   1. Acme Corp\n      note: the buyer\n"
                   "figure (3)\n   1. $40 million\n   2. 23%\n   3. 2.3x\n")


def test_cli_export_files_refusal_force_and_stdout(cli, capsys, tmp_path):
    out_dir = tmp_path / "out"
    code, out, _ = run(capsys, "export", "--id", str(cli["Acme"]), str(cli["Beta"]),
                       "--split", "--out", str(out_dir))
    assert code == 0
    assert out == (f"wrote {out_dir / 'acme-corp-raises-40-million-for-grid-batteries.md'}\n"
                   f"wrote {out_dir / 'beta-labs-opens-office-in-berlin.md'}\n")
    code, out, err = run(capsys, "export", "--id", str(cli["Beta"]), "--out", f"{out_dir}/")
    assert code == 1 and out == ""
    assert err == (f"brief-tui: {out_dir / 'beta-labs-opens-office-in-berlin.md'}: already "
                   f"exists; use --force to overwrite\n")
    code, out, _ = run(capsys, "export", "--id", str(cli["Beta"]), "-o", f"{out_dir}/",
                       "--force", "--json")
    assert (code, json.loads(out)) == (0, [str(out_dir / "beta-labs-opens-office-in-berlin.md")])
    code, out, _ = run(capsys, "export", "--id", str(cli["Beta"]), "--out", "-")
    assert code == 0
    assert out == (out_dir / "beta-labs-opens-office-in-berlin.md").read_text("utf-8")
    assert out.startswith("---\ntitle: Beta Labs opens office in Berlin\n")


def test_cli_export_usage_and_errors(cli, capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["export"])
    assert exc.value.code == 2
    capsys.readouterr()
    code, _, err = run(capsys, "export", "--tag", "nothing", "-o", str(tmp_path))
    assert (code, err) == (1, "brief-tui: tag nothing: no stories to export\n")
    code, _, err = run(capsys, "export", "--id", str(cli["Beta"]), "--template", "nope")
    assert code == 1 and err.startswith("brief-tui: nope: no such export template")
    code, _, err = run(capsys, "export", "--id", "99999")
    assert code == 1 and "99999" in err
