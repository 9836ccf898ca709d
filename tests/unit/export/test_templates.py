"""User templates: lookup, the sandbox, and errors that name the file and line."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from brief_tui.domain.errors import ExportError, NotFoundError
from brief_tui.export import (
    ExportSelection,
    default_template,
    load_template,
    render_collection,
    render_story,
)
from tests.unit.export.conftest import FIX, expect_file
from tests.unit.export.samples import acme, beta


@pytest.fixture
def tdir(tmp_path) -> Path:
    """A user template directory holding the ``card`` fixture template."""
    d = tmp_path / "templates"
    d.mkdir()
    shutil.copy(FIX / "templates" / "card.md.j2", d / "card.md.j2")
    return d


def write(d: Path, name: str, text: str) -> Path:
    path = d / name
    path.write_text(text, "utf-8")
    return path


def test_user_template_story_and_collection(tdir):
    tpl = load_template("card", tdir)
    expect_file("card-story.md", render_story(acme(), template=tpl))
    expect_file("card-collection.md", render_collection(
        [acme(), beta()], ExportSelection.today(date(2026, 11, 29)), template=tpl))


def test_template_by_file_name_and_by_path(tdir):
    by_name = render_story(acme(), template=load_template("card.md.j2", tdir))
    by_path = render_story(acme(), template=load_template(str(tdir / "card.md.j2"), None))
    assert by_name == by_path == render_story(acme(), template=load_template("card", tdir))


def test_default_is_builtin_unless_the_user_replaces_it(tdir):
    assert load_template("default", tdir) is default_template()
    assert load_template(None, None) is default_template()
    write(tdir, "default.md.j2", '{% include "builtin/default.md.j2" %}\nMy footer.\n')
    text = render_story(acme(), template=load_template("default", tdir))
    assert text == render_story(acme()) + "\nMy footer.\n"


def test_missing_template_names_where_it_looked(tdir):
    with pytest.raises(NotFoundError) as err:
        load_template("nope", tdir)
    assert str(err.value) == (f"nope: no such export template (looked in {tdir} and the "
                              f"built-in templates: default)")


@pytest.mark.parametrize("name", ["../secret", "a/b", ".hidden", "a b"])
def test_template_names_cannot_leave_the_directory(tdir, name):
    with pytest.raises(ExportError):
        load_template(name, tdir)


def test_broken_template_names_file_and_line(tdir):
    path = write(tdir, "mine.md.j2", "line one\n{{ story.title }}\n{{ story.title }\n")
    with pytest.raises(ExportError) as err:
        load_template("mine", tdir)
    assert str(err.value) == f"{path}:3: unexpected '}}'"


def test_unclosed_block_names_file_and_line(tdir):
    path = write(tdir, "mine.md.j2", "{% for s in stories %}\n{{ s.title }}\n")
    with pytest.raises(ExportError) as err:
        load_template("mine", tdir)
    assert str(err.value).startswith(f"{path}:2: Unexpected end of template.")


def test_undefined_variable_names_file_and_line(tdir):
    path = write(tdir, "mine.md.j2", "# x\n\n{{ story.nope }}\n")
    tpl = load_template("mine", tdir)
    with pytest.raises(ExportError) as err:
        render_story(acme(), template=tpl)
    assert str(err.value) == (f"{path}:3: 'brief_tui.export.context.StoryContext object' has "
                              f"no attribute 'nope'")


def test_sandbox_blocks_internals(tdir):
    path = write(tdir, "mine.md.j2", "{{ story.__class__.__mro__ }}\n")
    with pytest.raises(ExportError) as err:
        render_story(acme(), template=load_template("mine", tdir))
    assert str(err.value) == (f"{path}:1: access to attribute '__class__' of 'StoryContext' "
                              f"object is unsafe.")


def test_immutable_context(tdir):
    path = write(tdir, "mine.md.j2", "x\n{{ stories.append(1) }}\n")
    with pytest.raises(ExportError) as err:
        render_story(acme(), template=load_template("mine", tdir))
    assert str(err.value).startswith(f"{path}:2: ")


def test_bad_filter_argument_names_file_and_line(tdir):
    path = write(tdir, "mine.md.j2", '\n\n\n{{ {"x": 1.5} | front_matter }}\n')
    with pytest.raises(ExportError) as err:
        render_story(acme(), template=load_template("mine", tdir))
    assert str(err.value) == (f"{path}:4: TypeError: front matter values are strings, numbers, "
                              f"dates or lists, not float")


def test_non_utf8_template(tdir):
    path = tdir / "latin.md.j2"
    path.write_bytes(b"caf\xe9 {{ story.title }}\n")
    with pytest.raises(ExportError) as err:
        load_template("latin", tdir)
    assert str(err.value) == f"{path}: the template is not UTF-8 text"


def test_user_template_output_is_cleaned(tdir):
    write(tdir, "raw.md.j2", "{{ story.title }}\x1b[2J\r\n\n\n\n{{ 'tail' }}   \n\n")
    text = render_story(acme(), template=load_template("raw", tdir))
    assert text == "Acme Corp raises $40 million for grid batteries\n\ntail\n"
