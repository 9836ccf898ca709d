"""Full-text extraction (trafilatura) and page descriptions."""

from __future__ import annotations

from brief_tui.parse.fulltext import FullText, extract_article, page_description
from tests.unit.parse.conftest import fixture_bytes

ARTICLE = ("<html><head><title>Garden</title>"
           "<meta name=\"description\" content=\"Plain meta description\">"
           "<meta property=\"og:description\" content=\"OG &amp; description\"></head><body>"
           "<nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav><article><h1>Garden</h1>"
           + "".join(f"<p>Paragraph {i} tells how the tomatoes grew through a long dry summer "
                     f"and what the gardener learned. <a href=\"/notes/{i}\">notes</a> and "
                     f"<a href=\"javascript:alert({i})\">trap</a>.</p>" for i in range(5))
           + "</article><footer>Copyright</footer></body></html>").encode()


def test_extracts_markdown_and_text_with_safe_absolute_links():
    result = extract_article(ARTICLE, url="https://example.com/2024/garden.html",
                             headers={"Content-Type": "text/html; charset=utf-8"})
    assert isinstance(result, FullText)
    assert "[notes](https://example.com/notes/0)" in result.markdown
    assert "javascript:" not in result.markdown and "trap" in result.markdown
    assert "Paragraph 4 tells how the tomatoes grew" in result.text
    assert "https://" not in result.text and "[" not in result.text
    assert "Copyright" not in result.text
    assert result.description == "OG & description"


def test_js_shell_page_gives_none_and_a_description():
    body = fixture_bytes("b41-js-shell-article.html")
    assert extract_article(body, url="http://127.0.0.1:8931/b41/article.html") is None
    assert page_description(body) == "Tomatoes did well this quarter; the shed roof did not."


def test_empty_and_non_html():
    assert extract_article(b"", url="https://example.com/") is None
    assert extract_article(b"   ", url="https://example.com/") is None
    assert page_description(b"") == ""
    assert page_description(b"<html><head><meta name='description' content=''></head></html>"
                            ) == ""


def test_meta_description_fallback_and_controls():
    body = b"<html><head><meta name='description' content='Plain \x1b[31mred'></head></html>"
    assert page_description(body) == "Plain red"
