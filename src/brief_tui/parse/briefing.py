"""Briefing documents: analyst digests in plain text or Markdown, one story per item.

Shapes understood (a document uses one of them; the first that fits wins, in this order):

1. Markdown headings with numbers: ``## 1. Headline``.
2. Numbered lines: ``3. Headline``, ``3) Headline``, ``**3. Headline**``, ``3. **Headline**``.
   A run of numbered lines with nothing between them is a list (a table of contents or a list
   inside a story), not a set of items; item numbers must increase through the document.
3. Markdown headings without numbers (``## Headline``, two or more at one level).
4. Bold headline lines: ``**Headline**`` (label lines such as ``**Why it matters:**`` are body).
5. Bullet digests: ``- **Headline** — text [Source](url)`` or ``- [Headline](url) — text``.
6. Sections between separator lines (``---``, ``====``, ``* * *``) whose first line is the
   headline (e-mail digests).
7. Anything else with text: one story, titled by its first line when that reads as a
   headline (short, no full stop, not running on into the next line), else untitled.

Every item's ``Source:`` line (or ``[Source](url)`` link) becomes the link and leaves the body.
Text before the first item is the header: its title line and date describe the document, and a
headline repeated there with its lede (a teaser) is not a story; the lede is kept once.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from brief_tui.domain.errors import EMPTY, FeedParseError
from brief_tui.domain.models import ParsedEntry, ParsedFeed
from brief_tui.domain.text import clean_line, clean_text, shorten, tidy_paragraphs
from brief_tui.parse.markdown_text import markdown_to_text

FORMAT = "briefing"
_SCAN_LIMIT = 65536

_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_NUMBERED = re.compile(r"^ {0,3}(?:No\.\s*|#)?(\d{1,3})[.)][ \t]+(\S.*)$")
_BOLD_LINE = re.compile(r"^ {0,3}(\*\*|__)(?=\S)(.+?)(?<=\S)\1[ \t]*[:.]?[ \t]*$")
_BULLET = re.compile(r"^( {0,3})[-*+•][ \t]+(\S.*)$")
_BULLET_BOLD = re.compile(r"^(\*\*|__)(?=\S)(.+?)(?<=\S)\1[ \t]*(?:[—–:|-]+[ \t]*)?(.*)$")
_BULLET_LINK = re.compile(r"^\[([^\]\n]+)\]\(\s*<?(https?://[^\s)>]+)>?\s*\)[ \t]*"
                          r"(?:[—–:|-]+[ \t]*)?(.*)$")
_SEPARATOR = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:=[ \t]*){3,}|(?:\*[ \t]*){3,}"
                        r"|(?:_[ \t]*){3,}|(?:~[ \t]*){3,}|(?:#[ \t]*){3,})$")
_SOURCE_WORDS = (r"(?:sources?|link|url|via|original|read (?:the )?(?:full |more )?"
                 r"(?:story|article|report|more)|full (?:story|article)|more)")
_SOURCE_LINE = re.compile(r"^[ \t]*(?:[-*+•>][ \t]*)?(?:\*\*|__|\*|_)?" + _SOURCE_WORDS
                          + r"(?:\*\*|__|\*|_)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*(.*)$", re.I)
_SOURCE_LINK = re.compile(r"[ \t]*[(\[]?\[\s*" + _SOURCE_WORDS + r"\b[^\]\n]{0,60}\]\(\s*<?"
                          r"(https?://[^\s)>]+)>?\s*\)[)\]]?", re.I)
_SOURCE_PAREN = re.compile(r"[ \t]*\(\s*" + _SOURCE_WORDS + r"\s*[:：]\s*<?(https?://[^\s)>]+)>?"
                           r"\s*\)", re.I)
_URL = re.compile(r"https?://[^\s<>()\[\]\"']*[^\s<>()\[\]\"'.,;:!?]", re.I)
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(\s*<?([^\s)>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~|`)(?=\S)(.+?)(?<=\S)\1")
_LABEL = re.compile(r"^[ \t]*(?:[-*+•][ \t]+)?(?:\*\*|__)?(?:why (?:it|this) matters|the big "
                    r"picture|big picture|bottom line|the bottom line|what'?s next|what to watch|"
                    r"context|between the lines|by the numbers|yes,? but|go deeper|the takeaway|"
                    r"takeaway|key takeaway|our take|analysis|the catch|what happened|details|"
                    r"zoom in|zoom out|reality check|the other side|state of play|driving the "
                    r"news|catch up quick|flashback|what they'?re saying)\b[^\n]{0,20}?[:：]",
                    re.I)
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+\S")
_MAIL_HEADER = re.compile(r"^(subject|from|to|date|cc|reply-to|sent)[ \t]*:[ \t]*(.*)$", re.I)
_MONTHS = {m: i for i, names in enumerate(
    ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"], 1)
    for m in names.split()}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"\.?,?\s+(\d{4})\b", re.I)
_DATE_MDY = re.compile(r"\b" + _MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MD_ESCAPE = re.compile(r"([\\`*_\[\]<])")
_NORM = re.compile(r"[\W_]+")
_UNDEFINED_CP1252 = b"\x81\x8d\x8f\x90\x9d"


# --------------------------------------------------------------------------- decoding

def decode_briefing(body: bytes) -> str:
    """Decode a briefing's bytes: BOM (UTF-8, UTF-16, UTF-32), strict UTF-8, else Windows-1252.

    Args:
        body: the raw document.

    Returns:
        The text, cleaned with :func:`~brief_tui.domain.text.clean_text` (CR and CRLF become LF,
        control characters and escape sequences are removed). Never raises.
    """
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                       (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if body.startswith(bom):
            return clean_text(body[len(bom):].decode(codec, errors="replace"))
    head = body[:200]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return clean_text(body.decode(codec, errors="replace"))
    try:
        return clean_text(body.decode("utf-8"))
    except UnicodeDecodeError:
        return clean_text(body.translate(None, _UNDEFINED_CP1252).decode("cp1252"))


# --------------------------------------------------------------------------- line model

@dataclass(slots=True)
class _Line:
    kind: str                 # blank sep heading num bullet bold text
    raw: str
    level: int = 0
    number: int | None = None
    title: str = ""
    rest: str = ""
    url: str | None = None
    indent: int = 0


def _classify(raw: str) -> _Line:
    if not raw.strip():
        return _Line("blank", raw)
    if _SEPARATOR.match(raw):
        return _Line("sep", raw)
    m = _MD_HEADING.match(raw)
    if m:
        number, title = _split_number(m.group(2))
        return _Line("heading", raw, level=len(m.group(1)), number=number, title=title)
    m = _BOLD_LINE.match(raw)
    if m and not _LABEL.match(raw):
        number, title = _split_number(m.group(2))
        if not title.endswith(":"):
            return _Line("num" if number is not None else "bold", raw, number=number,
                         title=title)
    m = _NUMBERED.match(raw)
    if m and not _LABEL.match(m.group(2)):
        return _Line("num", raw, number=int(m.group(1)), title=m.group(2).strip())
    m = _BULLET.match(raw)
    if m:
        inner = m.group(2)
        b = _BULLET_BOLD.match(inner)
        if b and not _LABEL.match(inner) and b.group(3).strip():
            number, title = _split_number(b.group(2))
            return _Line("bullet", raw, number=number, title=title.rstrip(" :—–-"),
                         rest=b.group(3), indent=len(m.group(1)))
        b = _BULLET_LINK.match(inner)
        if b:
            number, title = _split_number(b.group(1))
            return _Line("bullet", raw, number=number, title=title, rest=b.group(3),
                         url=b.group(2), indent=len(m.group(1)))
    return _Line("text", raw, indent=len(raw) - len(raw.lstrip(" ")))


def _split_number(title: str) -> tuple[int | None, str]:
    title = title.strip()
    m = re.match(r"^(?:\*\*|__)?(?:No\.\s*|#)?(\d{1,3})[.):][ \t]+(.+)$", title)
    if m:
        return int(m.group(1)), m.group(2).strip()
    return None, title


def _plain_inline(text: str) -> str:
    """Markdown inline syntax removed: links to their text, emphasis markers dropped."""
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    for _ in range(3):
        new = _EMPHASIS.sub(lambda m: m.group(2), text)
        if new == text:
            break
        text = new
    return clean_line(text.replace("\\", ""))


def _norm(text: str) -> str:
    return _NORM.sub(" ", _plain_inline(text).casefold()).strip()


def _headline_like(line: _Line) -> bool:
    title = _plain_inline(line.title)
    return 0 < len(title) <= 200 and not title.endswith((".", ",", ";", ":"))


# --------------------------------------------------------------------------- items

@dataclass(slots=True)
class _Item:
    start: int                 # index of the header line (or first line) in the document
    number: int | None
    title: str
    body: list[str] = field(default_factory=list)
    url: str | None = None
    lede: str | None = None


def _setext(lines: list[_Line]) -> None:
    """Turn ``Title`` + ``===``/``---`` into headings, so separators are only real breaks."""
    for i in range(1, len(lines)):
        cur, prev = lines[i], lines[i - 1]
        if cur.kind != "sep" or prev.kind != "text":
            continue
        mark = cur.raw.strip()[0]
        text = prev.raw.strip()
        if mark not in "=-" or _SOURCE_LINE.match(text) or text.endswith((".", ":", ";", ",")):
            continue
        number, title = _split_number(text)
        lines[i - 1] = _Line("heading", prev.raw, level=1 if mark == "=" else 2, number=number,
                             title=title)
        lines[i] = _Line("blank", "")


def _numbered_headers(lines: list[_Line]) -> list[int]:
    """Indexes of numbered lines that head items (not lists, not out-of-order numbers)."""
    cands = [i for i, ln in enumerate(lines) if ln.kind == "num"]
    keep: list[int] = []
    for pos, i in enumerate(cands):
        bold = _BOLD_LINE.match(lines[i].raw) is not None
        if not bold and not _headline_like(lines[i]):
            continue
        if not bold:
            # a run of consecutive numbers with nothing between them is a list
            prev = cands[pos - 1] if pos else None
            nxt = cands[pos + 1] if pos + 1 < len(cands) else None
            if any(j is not None and lines[hi].number == lines[lo].number + 1
                   and all(lines[k].kind == "blank" for k in range(lo + 1, hi))
                   for j, lo, hi in ((prev, prev, i), (nxt, i, nxt)) if j is not None):
                continue
        if keep and lines[i].number <= lines[keep[-1]].number:
            continue
        keep.append(i)
    return keep


def _pick_headers(lines: list[_Line]) -> tuple[str, list[int], int]:
    """Choose the document's shape: (mode, header line indexes, item heading level)."""
    heads = [i for i, ln in enumerate(lines) if ln.kind == "heading"
             and not _LABEL.match(ln.title + ":")]
    numbered = [i for i in heads if lines[i].number is not None]
    if numbered:
        level = Counter(lines[i].level for i in numbered).most_common(1)[0][0]
        return "heading", [i for i in numbered if lines[i].level == level], level
    nums = _numbered_headers(lines)
    if nums and _sourced_sections(lines) <= len(nums):
        return "num", nums, 0
    has_source = any(_SOURCE_LINE.match(ln.raw) and _URL.search(ln.raw) for ln in lines)
    if heads:
        levels = Counter(lines[i].level for i in heads)
        level = next((lv for lv in sorted(levels) if levels[lv] >= 2), None)
        if level is None and has_source:
            level = max(levels)
        if level is not None and (level > 1 or levels[1] >= 2):
            return "heading", [i for i in heads if lines[i].level == level], level
    bolds = [i for i, ln in enumerate(lines) if ln.kind == "bold"]
    if len(bolds) >= 2 or (bolds and has_source):
        return "bold", bolds, 0
    bullets = [i for i, ln in enumerate(lines) if ln.kind == "bullet" and ln.indent == 0]
    if bullets:
        return "bullet", bullets, 0
    return "sep", [], 0


def _sourced_sections(lines: list[_Line]) -> int:
    """How many separator-delimited sections hold a Source line (e-mail digests)."""
    if not any(ln.kind == "sep" for ln in lines):
        return 0
    count, sourced = 0, False
    for ln in lines + [_Line("sep", "")]:
        if ln.kind == "sep":
            count += sourced
            sourced = False
        elif (_SOURCE_LINE.match(ln.raw) and _URL.search(ln.raw)) or _SOURCE_LINK.search(ln.raw):
            sourced = True
    return count


def _collect(lines: list[_Line], mode: str, headers: list[int], level: int
             ) -> tuple[list[_Item], list[str]]:
    """Cut the document into items and the header (preamble) lines."""
    items: list[_Item] = []
    if mode == "sep":
        sections: list[list[int]] = [[]]
        for i, ln in enumerate(lines):
            if ln.kind == "sep":
                sections.append([])
            elif ln.kind != "blank" or sections[-1]:
                sections[-1].append(i)
        sections = [s for s in sections if any(lines[i].kind != "blank" for i in s)]
        if len(sections) < 2:
            return [], []
        preamble: list[str] = []
        for n, sec in enumerate(sections):
            sourced = any(_SOURCE_LINE.match(lines[i].raw) or _SOURCE_LINK.search(lines[i].raw)
                          for i in sec)
            mail = _MAIL_HEADER.match(lines[sec[0]].raw.strip())
            if n == 0 and (mail or not sourced):
                preamble = [lines[i].raw for i in sec]
            elif n == len(sections) - 1 and not sourced and len(sections) > 2:
                continue                                    # footer
            else:
                items.append(_section_item(lines, sec))
        return items, preamble
    if not headers:
        return [], []
    hset = set(headers)
    for pos, h in enumerate(headers):
        ln = lines[h]
        item = _Item(h, ln.number, ln.title, url=ln.url)
        if mode == "bullet":
            item.body.append(ln.rest)
        end = headers[pos + 1] if pos + 1 < len(headers) else len(lines)
        for j in range(h + 1, end):
            cur = lines[j]
            if cur.kind == "sep" or (cur.kind == "heading" and cur.level <= level and j not in hset):
                break
            if mode == "bullet" and cur.kind != "blank" and cur.indent == 0 and (
                    _BULLET.match(cur.raw) or (j > h + 1 and lines[j - 1].kind == "blank")):
                break
            item.body.append(cur.raw)
        items.append(item)
    return items, [ln.raw for ln in lines[:headers[0]]]


def _section_item(lines: list[_Line], sec: list[int]) -> _Item:
    idx = [i for i in sec if lines[i].kind != "blank"]
    first = lines[idx[0]]
    title = first.title or first.raw.strip()
    if first.kind == "bullet":
        title = first.raw
    number, title = _split_number(title)
    if first.number is not None:
        number = first.number
    title = _MD_HEADING.sub(lambda m: m.group(2), title)
    return _Item(idx[0], number, title, body=[lines[i].raw for i in sec if i > idx[0]],
                 url=first.url)


# --------------------------------------------------------------------------- bodies

def _take_sources(body: list[str]) -> tuple[list[str], str | None]:
    """Remove Source lines and ``[Source](url)`` links; return the body and the first URL."""
    out: list[str] = []
    found: str | None = None
    for raw in body:
        if "http" not in raw and "HTTP" not in raw:
            out.append(raw)
            continue
        m = _SOURCE_LINE.match(raw)
        if m:
            url = _first_url(m.group(1))
            if url:
                found = found or url
                continue
        for rx in (_SOURCE_LINK, _SOURCE_PAREN):
            for sm in rx.finditer(raw):
                found = found or sm.group(1)
            new = rx.sub("", raw)
            if new != raw:
                raw = re.sub(r"[ \t]+([.,;:!?])", r"\1", new)
        out.append(raw)
    return out, found


def _first_url(text: str) -> str | None:
    m = _MD_LINK.search(text)
    if m and m.group(2).lower().startswith(("http://", "https://")):
        return m.group(2)
    m = _URL.search(text)
    return m.group(0) if m else None


def _paragraphs(body: list[str], markdownish: bool, wrapped: bool) -> list[str]:
    """Group body lines into paragraphs (list runs kept together, one item per line)."""
    paras: list[list[str]] = []
    prev_blank = True
    prev_list = False
    for raw in body:
        line = raw.rstrip()
        if not line.strip():
            prev_blank = True
            continue
        is_list = bool(_LIST_ITEM.match(line))
        if prev_blank or _LABEL.match(line):
            starts = True
        elif is_list:
            starts = not prev_list
        elif prev_list:
            starts = not line.startswith("  ")
        else:
            starts = not (markdownish or wrapped)
        if starts or not paras:
            paras.append([line.strip() if not is_list else line])
        else:
            paras[-1].append(line if is_list or prev_list else line.strip())
        prev_blank = False
        prev_list = is_list or (prev_list and line.startswith("  "))
    out = []
    for para in paras:
        if _LIST_ITEM.match(para[0]):
            out.append("\n".join(para))
        else:
            out.append(" ".join(p.strip() for p in para))
    return [p for p in out if p.strip()]


def _escape_md(text: str) -> str:
    text = _MD_ESCAPE.sub(r"\\\1", text)
    return re.sub(r"(?m)^([#>])", r"\\\1", text)


def _entry(item: _Item, markdownish: bool, wrapped: bool, seen: set[str]) -> ParsedEntry:
    body, source = _take_sources(item.body)
    paras = _paragraphs(body, markdownish, wrapped)
    if item.lede and paras:
        lede_norm = _norm(item.lede)
        if lede_norm and lede_norm not in _norm(" ".join(paras)):
            paras.insert(0, item.lede)
    elif item.lede:
        paras = [item.lede]
    if len(paras) >= 2 and _norm(paras[0]) and _norm(paras[1]).startswith(_norm(paras[0])):
        paras.pop(0)                                      # lede repeated as the body's start
    if markdownish:
        markdown = "\n\n".join(paras)
        text = markdown_to_text(markdown)
    else:
        text = tidy_paragraphs(clean_text("\n\n".join(paras)))
        markdown = "\n\n".join(_escape_md(p) for p in text.split("\n\n"))
    title = _plain_inline(item.title)
    summary = clean_line(_plain_inline(item.lede)) if item.lede else _lede(text)
    ident = _norm(title) or _norm(text[:200])
    key = "briefing:{}:{}".format("-" if item.number is None else item.number,
                                  hashlib.sha1(ident.encode("utf-8")).hexdigest()[:16])
    base, n = key, 2
    while key in seen:
        key, n = f"{base}~{n}", n + 1
    seen.add(key)
    first_line = text.split("\n", 1)[0] if text else ""
    return ParsedEntry(
        key=key, title=title, display_title=title or shorten(first_line, 80) or "(untitled)",
        link=clean_line(source or item.url) or None, summary=summary, text=text,
        markdown=clean_text(markdown) or None, number=item.number)


def _lede(text: str) -> str:
    first = clean_line(text.split("\n\n", 1)[0]) if text else ""
    if len(first) <= 280:
        return first
    m = re.search(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bvs)[.!?][\"'”’]?\s+(?=[\"“‘(]?[A-Z0-9])",
                  first[40:])
    return first[: 40 + m.end()].strip() if m else shorten(first, 280)


# --------------------------------------------------------------------------- header

def _header(preamble: list[str], items: list[_Item], url: str) -> tuple[str, str, datetime | None]:
    """Title, description and date from the lines before the first item; teasers removed."""
    titles = {_norm(it.title): it for it in items if _norm(it.title)}
    lines = [ln for ln in preamble if ln.strip() and not _SEPARATOR.match(ln)]
    kept: list[str] = []
    subject = ""
    published = None
    i = 0
    while i < len(lines):
        raw = lines[i].strip()
        mail = _MAIL_HEADER.match(raw)
        if mail:
            if mail.group(1).lower() == "subject":
                subject = mail.group(2)
            elif mail.group(1).lower() == "date" and published is None:
                published = _mail_date(mail.group(2))
            i += 1
            continue
        item = titles.get(_norm(_split_number(_MD_HEADING.sub(r"\2", raw))[1]))
        if item is not None:                              # a teaser: headline (+ lede)
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if nxt and _norm(_split_number(nxt)[1]) not in titles and not (
                    _MD_HEADING.match(nxt) or _NUMBERED.match(nxt)):
                item.lede = item.lede or _plain_inline(nxt)
                i += 1
            i += 1
            continue
        kept.append(raw)
        i += 1
    for raw in [subject] + kept[:4]:
        published = published or _find_date(raw)
    title = ""
    heading = next((m.group(2) for m in map(_MD_HEADING.match, kept) if m), None)
    if heading:
        title = heading
    elif subject:
        title = subject
    elif kept and len(kept[0]) <= 120 and not kept[0].rstrip().endswith((".", ",", ";")):
        title = kept[0]
    desc_lines = [k for k in kept if k != title and _MD_HEADING.sub(r"\2", k) != title]
    title = _plain_inline(title) or _title_from_url(url)
    return title, shorten(_plain_inline(" ".join(desc_lines)), 300), published


def _mail_date(value: str) -> datetime | None:
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _find_date(text: str) -> datetime | None:
    for rx, order in ((_DATE_ISO, "ymd"), (_DATE_DMY, "dmy"), (_DATE_MDY, "mdy")):
        m = rx.search(text)
        if not m:
            continue
        parts = dict(zip(order, m.groups()))
        month = parts["m"]
        month_n = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
        try:
            return datetime(int(parts["y"]), month_n or 0, int(parts["d"]), tzinfo=UTC)
        except ValueError:
            continue
    return None


def _title_from_url(url: str) -> str:
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1]) if url else ""
    name = re.sub(r"\.(?:txt|md|markdown|text|eml|briefing)$", "", name, flags=re.I)
    return clean_line(re.sub(r"[_\-.]+", " ", name)) or "Briefing"


# --------------------------------------------------------------------------- public API

def looks_like_briefing(text: str) -> bool:
    """Cheap content test: does this text look like a briefing digest?

    Called by the format detector only for documents that are not XML, JSON or HTML. Looks at
    the first 64 KiB.

    Args:
        text: decoded document text.

    Returns:
        True for numbered digests (``3. Headline``, ``## 1. Headline``, ``**1. Headline**``),
        headline digests with ``Source:`` lines, bullet digests with ``[Source](url)`` links or
        ``Source:`` lines, and e-mail digests whose sections are split by ``---``/``====``/
        ``* * *`` with ``Source:`` lines. False for prose without that structure.
    """
    lines = [_classify(raw) for raw in text[:_SCAN_LIMIT].replace("\r", "\n").split("\n")]
    _setext(lines)
    sources = sum(1 for ln in lines if (_SOURCE_LINE.match(ln.raw) and _URL.search(ln.raw))
                  or _SOURCE_LINK.search(ln.raw) or _SOURCE_PAREN.search(ln.raw))
    numbered_heads = sum(1 for ln in lines if ln.kind == "heading" and ln.number is not None)
    bold_nums = sum(1 for ln in lines if ln.kind == "num" and _BOLD_LINE.match(ln.raw))
    plain_nums = len(_numbered_headers(lines))
    headers = sum(1 for ln in lines if ln.kind in ("heading", "bold"))
    bullets = sum(1 for ln in lines if ln.kind == "bullet")
    seps = sum(1 for ln in lines if ln.kind == "sep")
    if numbered_heads + bold_nums >= 2 or (plain_nums >= 2 and (sources or headers)):
        return True
    if sources and (numbered_heads + bold_nums + plain_nums + headers + bullets + seps):
        return True
    return plain_nums >= 3


def parse_briefing(body: bytes, *, url: str) -> ParsedFeed:
    """Parse a briefing document into one entry per item.

    Args:
        body: the raw bytes (any of UTF-8 with or without BOM, UTF-16/32 with BOM,
            Windows-1252; CR, CRLF or LF line ends).
        url: where the document came from (``https://…`` or ``file://…``); names it in errors
            and gives the feed title when the document has none.

    Returns:
        A :class:`~brief_tui.domain.models.ParsedFeed` with ``format="briefing"``; each entry
        has ``number`` (the printed item number or ``None``), ``title`` (plain text), ``link``
        (the ``Source:`` URL or ``None``), ``text`` (plain paragraphs separated by one blank
        line, lede once, no Source line), ``markdown``, ``summary`` (the lede on one line),
        ``key`` (``briefing:<number or ->:<sha1 of the normalised headline, 16 hex>``, stable
        across imports) and ``published`` (the document header's date at 00:00 UTC, or the
        e-mail ``Date:``, else ``None``).

    Raises:
        FeedParseError: the document is empty, whitespace or separator lines only (category
            ``empty``).
    """
    text = decode_briefing(body)
    if not text.strip():
        raise FeedParseError("empty briefing document", source=url, category=EMPTY)
    lines = [_classify(raw) for raw in text.split("\n")]
    _setext(lines)
    mode, headers, level = _pick_headers(lines)
    items, preamble = _collect(lines, mode, headers, level)
    if not items:
        first = next(i for i, ln in enumerate(lines) if ln.kind != "blank")
        kept = [i for i in range(first, len(lines)) if lines[i].kind != "sep"]
        if not any(lines[i].kind != "blank" for i in kept):
            raise FeedParseError("no stories in briefing document", source=url, category=EMPTY)
        head = lines[first].raw.strip()
        nxt = next((ln.raw.strip() for ln in lines[first + 1:] if ln.kind != "blank"), "")
        if (_headline_like(_Line("text", "", title=head)) and len(head) <= 120
                and not re.search(r"[.!?] [A-Z]", head) and not nxt[:1].islower()):
            items = [_section_item(lines, kept)]
        else:
            items = [_Item(first, None, "", body=[lines[i].raw for i in kept])]
        preamble = []
    title, description, published = _header(preamble, items, url)
    items = _dedupe(items)
    markdownish = mode in ("heading", "bold", "bullet") or any(
        _MD_LINK.search(ln.raw) or _BOLD_LINE.match(ln.raw) for ln in lines)
    body_lines = [ln for it in items for ln in it.body if ln.strip()]
    wrapped = bool(body_lines) and max(len(ln) for ln in body_lines) <= 100 and any(
        not ln.strip() for it in items for ln in it.body[1:-1])
    seen: set[str] = set()
    entries = [_entry(it, markdownish, wrapped, seen) for it in items]
    for entry in entries:
        entry.published = published
    return ParsedFeed(format=FORMAT, title=title, description=description, entries=entries)


def _dedupe(items: list[_Item]) -> list[_Item]:
    """Keep one item per headline (a table of contents repeats them): the one with most body."""
    best: dict[str, _Item] = {}
    for it in items:
        key = _norm(it.title) or f"#{it.start}"
        old = best.get(key)
        if old is None or sum(map(len, it.body)) > sum(map(len, old.body)):
            if old is not None:
                it.lede = it.lede or old.lede
            best[key] = it
    return sorted(best.values(), key=lambda it: it.start)
