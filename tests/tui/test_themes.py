"""Theme files: parsing, bad files reported, found in a checkout and in an installed wheel."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from brief_tui.tui.themes import load_themes, parse_theme, themes_dir

ROOT = Path(__file__).resolve().parents[2]


def test_checkout_finds_the_top_level_themes():
    directory = themes_dir()
    assert directory == ROOT / "themes"
    themes, problems = load_themes(directory)
    assert problems == []
    names = [t.name for t in themes]
    assert names == ["brief-dark", "brief-light"]
    dark, light = themes
    assert dark.dark is True and light.dark is False
    assert dark.primary == "#5fb3d9"


def test_bad_theme_files_are_reported_not_fatal(tmp_path):
    (tmp_path / "a.toml").write_text('name = "ok"\nprimary = "#112233"\n')
    (tmp_path / "b.toml").write_text('name = "bad"\nprimary = "not a colour"\n')
    (tmp_path / "c.toml").write_text('name = "odd"\nprimary = "#000"\nsparkle = 1\n')
    (tmp_path / "d.toml").write_text("name = [")
    themes, problems = load_themes(tmp_path)
    assert [t.name for t in themes] == ["ok"]
    assert [p.path.name for p in problems] == ["b.toml", "c.toml", "d.toml"]
    assert problems[1].reason == "unknown key 'sparkle'"


def test_parse_theme_requires_name_and_primary():
    with pytest.raises(ValueError, match="'primary' must be a non-empty string"):
        parse_theme({"name": "x"}, Path("x.toml"))


@pytest.mark.skipif(importlib.util.find_spec("hatchling") is None,
                    reason="hatchling (test extra) is needed to build the wheel")
def test_wheel_ships_themes_and_the_loader_finds_them(tmp_path):
    out = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", str(ROOT), "-w", str(out)], check=True, capture_output=True,
                   timeout=120)
    wheel = next(out.glob("brief_tui-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert {"brief_tui/themes/brief-dark.toml", "brief_tui/themes/brief-light.toml",
                "brief_tui/tui/app.tcss"} <= set(names)
        archive.extractall(tmp_path / "site")
    package = tmp_path / "site" / "brief_tui"
    assert themes_dir(package) == package / "themes"
    themes, problems = load_themes(themes_dir(package))
    assert [t.name for t in themes] == ["brief-dark", "brief-light"] and problems == []
