"""The one sanitising path: every kind of terminal control is removed, visible text kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from brief_tui.domain.text import clean_line, clean_text, shorten, tidy_paragraphs

ESC = "\x1b"


def test_csi_colour_sequences_removed_whole():
    assert clean_text(f"Normal {ESC}[31mRED{ESC}[0m title") == "Normal RED title"


def test_osc8_hyperlink_keeps_visible_text():
    s = f"Read {ESC}]8;;https://evil.example/{ESC}\\here{ESC}]8;;{ESC}\\ and cleared"
    assert clean_text(s) == "Read here and cleared"


def test_osc52_clipboard_write_and_title_change_removed():
    assert clean_text(f"ALERT{ESC}]52;c;ZXZpbA=={chr(7)} click") == "ALERT click"
    assert clean_text(f"{ESC}]0;pwned{chr(7)}Title") == "Title"
    assert clean_text(f"{ESC}]2;pwned{ESC}\\Title") == "Title"


def test_c1_controls_and_8bit_csi_removed():
    assert clean_text("a\x9b31mb\x85c\x9dx\x07d") == "ab\ncd"
    assert clean_text("a\x9b31mb") == "ab"
    assert "\x85" not in clean_text("x\x85y") and clean_text("x\x85y") == "x\ny"


def test_cr_becomes_line_break_so_overwrites_stay_visible():
    assert clean_text("line1\rOVERWRITE") == "line1\nOVERWRITE"
    assert clean_text("a\r\nb") == "a\nb"


def test_other_c0_and_del_removed_tab_and_lf_kept():
    assert clean_text("Back\x08space and\x0bvtab\x7f\tx\ny") == "Backspace and\nvtab\tx\ny"
    assert clean_text("bell\x07 null\x00") == "bell null"


def test_bidi_overrides_removed():
    assert clean_text("file\u202egpj.exe") == "filegpj.exe"
    assert clean_text("\u2066isolated\u2069") == "isolated"


def test_markup_is_left_as_typed():
    for s in ("[bold]Not actually bold[/bold]", "[@click=app.quit]x", "a[0] and b[i]", "[/]"):
        assert clean_text(s) == s


def test_wide_and_combining_characters_untouched():
    for s in ("批踢踢實業坊 movie 板", "한국어 뉴스", "📚 Reading list", "e\u0301", "👨‍👩‍👧", "🇫🇷"):
        assert clean_text(s) == s


def test_clean_line_collapses_whitespace():
    assert clean_line("  a\n\tb  \x1b[1mc ") == "a b c"


def test_tidy_paragraphs_and_shorten():
    assert tidy_paragraphs("a  \n\n\n\nb\n \nc") == "a\n\nb\n\nc"
    assert shorten("The quick brown fox jumps over the lazy dog", 20) == "The quick brown fox…"
    assert shorten("short", 20) == "short"


@given(st.text())
def test_no_control_survives(s):
    out = clean_text(s)
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in out)
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in out)
    assert clean_text(out) == out  # idempotent


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Zl", "Zp"))))
def test_visible_text_is_never_changed(s):
    assert clean_text(s) == s
