"""Writing exports: atomic files, no overwrite without force, paths kept inside the directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief_tui.domain.errors import ExportError
from brief_tui.export import EXISTS, place_plan, write_export


def listing(d: Path) -> list[str]:
    return sorted(str(p.relative_to(d)) for p in d.rglob("*"))


def test_writes_utf8_lf_files_and_creates_the_directory(tmp_path):
    out = tmp_path / "a" / "b"
    paths = write_export([("x.md", "é\nline\n"), ("y.md", "y\n")], out)
    assert paths == [out / "x.md", out / "y.md"]
    assert (out / "x.md").read_bytes() == "é\nline\n".encode()
    assert listing(out) == ["x.md", "y.md"]
    assert (out / "x.md").stat().st_mode & 0o777 == 0o644


def test_refuses_to_overwrite_without_force_and_writes_nothing(tmp_path):
    (tmp_path / "y.md").write_text("mine\n")
    with pytest.raises(ExportError) as err:
        write_export([("x.md", "new\n"), ("y.md", "new\n")], tmp_path)
    assert str(err.value) == f"{tmp_path / 'y.md'}: already exists; use --force to overwrite"
    assert err.value.category == EXISTS
    assert listing(tmp_path) == ["y.md"]
    assert (tmp_path / "y.md").read_text() == "mine\n"


def test_force_replaces_and_keeps_the_mode(tmp_path):
    target = tmp_path / "y.md"
    target.write_text("mine\n")
    target.chmod(0o600)
    assert write_export([("y.md", "new\n")], tmp_path, force=True) == [target]
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert listing(tmp_path) == ["y.md"]


def test_a_dangling_symlink_counts_as_existing(tmp_path):
    (tmp_path / "y.md").symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(ExportError) as err:
        write_export([("y.md", "new\n")], tmp_path)
    assert err.value.category == EXISTS
    assert not (tmp_path / "nowhere.md").exists()


def test_a_symlink_pointing_outside_is_refused_even_with_force(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("keep\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "y.md").symlink_to(outside)
    with pytest.raises(ExportError) as err:
        write_export([("y.md", "new\n")], out, force=True)
    assert "resolves outside the export directory" in str(err.value)
    assert outside.read_text() == "keep\n"


@pytest.mark.parametrize("rel", ["../x.md", "/etc/x.md", "a/../../x.md", "a\x00.md", ""])
def test_paths_outside_the_directory_are_refused(tmp_path, rel):
    with pytest.raises(ExportError) as err:
        write_export([(rel, "x\n")], tmp_path / "out")
    assert "refusing to write" in str(err.value)
    assert not (tmp_path / "x.md").exists()


def test_a_directory_in_the_way_is_an_error(tmp_path):
    (tmp_path / "y.md").mkdir()
    with pytest.raises(ExportError) as err:
        write_export([("y.md", "x\n")], tmp_path, force=True)
    assert str(err.value) == f"{tmp_path / 'y.md'}: is a directory"


def test_unwritable_target_is_named(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory\n")
    with pytest.raises(ExportError) as err:
        write_export([("x.md", "x\n")], blocker / "sub")
    assert str(err.value) == (f"{blocker / 'sub' / 'x.md'}: cannot write the export: "
                              f"Not a directory")


def test_place_plan(tmp_path):
    plan = [("brief-2026-11-29.md", "x\n")]
    default = tmp_path / "exports"
    assert place_plan(plan, stem="brief-2026-11-29", default_dir=default) == (default, plan)
    assert place_plan(plan, stem="s", default_dir=default, out=str(tmp_path / "f.md")) == (
        tmp_path, [("f.md", "x\n")])
    assert place_plan(plan, stem="s", default_dir=default, out=f"{tmp_path}/new/") == (
        tmp_path / "new", plan)
    assert place_plan(plan, stem="s", default_dir=default, out=tmp_path) == (tmp_path, plan)
    two = plan + [("b.md", "y\n")]
    assert place_plan(two, stem="s", default_dir=default, split=True) == (default / "s", two)
    assert place_plan(two, stem="s", default_dir=default, split=True, out="d") == (
        Path("d"), two)
