"""Put the extractors together: one story's text in, ranked highlights out."""

from __future__ import annotations

import bisect
import re

from brief_tui.domain.models import (
    HL_FIGURE,
    HL_KEYWORD,
    HL_ORGANISATION,
    HL_PERSON,
    HL_PLACE,
    HL_SENTENCE,
    Highlight,
)
from brief_tui.domain.text import clean_line
from brief_tui.extract import lexicon as lx
from brief_tui.extract.figures import FIG_MONEY, WEIGHTS, find_figures
from brief_tui.extract.keywords import keyword_candidates, stopwords
from brief_tui.extract.names import ORG, PERSON, PLACE, Name, find_names
from brief_tui.extract.sentences import key_sentences
from brief_tui.extract.spans import paragraph_spans, sentence_spans

MAX_TEXT = 100_000
LIMITS = {HL_FIGURE: 12, HL_ORGANISATION: 12, HL_PERSON: 8, HL_PLACE: 8, HL_KEYWORD: 8}
_KIND_OF = {ORG: HL_ORGANISATION, PERSON: HL_PERSON, PLACE: HL_PLACE}
_ORDER = {k: i for i, k in enumerate((HL_SENTENCE, HL_FIGURE, HL_ORGANISATION, HL_PERSON,
                                      HL_PLACE, HL_KEYWORD))}
_CAP_PHRASE = re.compile(r"^[A-Z][\w&'’.-]*(?:\s+(?:of|&|de|van|von)?\s*[A-Z][\w&'’.-]*)+$")
_DIGIT = re.compile(r"\d")
_EDGE_PUNCT = ".,;:!?\"'“”‘’()[]"
_INNER_CAPS = re.compile(r"(?<=[a-z,;] )[A-Z]")
_MAGNITUDES = frozenset("thousand thousands million millions billion billions trillion".split())
# Words too vague to be a keyword on their own or inside one (verbs of news copy, cue words).
_WEAK_WORDS = frozenset("""
matter matters said says say told cut cuts buy buys sell sells led lead leads set sets put make
makes made take takes took rose rise rises fell fall falls won win wins lost lose hit hits
agreed agree plans plan expects expect announced construct build builds move moves moving
according including include includes worth year years month months week weeks day days time times
percent per cent way ways part parts thing things lot lots kind
""".split())


def _sentence_of(starts: list[int], sentences: list[tuple[int, int]], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1) if sentences else 0


def extract_highlights(text: str, *, title: str = "") -> list[Highlight]:
    """Extract the highlights of one story.

    Pure, offline and deterministic: the same text and title always give the same list.

    Args:
        text: the story's plain text (paragraphs separated by blank lines), as stored; only
            the first 100,000 characters are read.
        title: the headline; it raises the rank of figures and names it repeats and helps
            pick the lede. Highlights never point into the title.

    Returns:
        Highlights sorted by kind (``sentence``, ``figure``, ``organisation``, ``person``,
        ``place``, ``keyword``) then rank (0 = best). ``start``/``end`` are offsets into
        ``text`` of the sentence each highlight is anchored to (its first mention), so
        ``text[start:end]`` is that sentence; ``score`` is higher for better. ``[]`` for empty
        text.
    """
    if not text or not text.strip():
        return []
    text = text[:MAX_TEXT]
    sentences = sentence_spans(text)
    if not sentences:
        return []
    paragraphs = paragraph_spans(text)
    starts = [s for s, _ in sentences]
    title_cf = clean_line(title).casefold()

    figures = find_figures(text)
    # how much a sentence carries: its figures and capitalised words (names, roughly)
    density: dict[int, float] = {}
    for f in figures:
        i = _sentence_of(starts, sentences, f.start)
        density[i] = density.get(i, 0.0) + (0.5 if f.kind == FIG_MONEY else 0.3)
    for i, (s, e) in enumerate(sentences):
        caps = len(_INNER_CAPS.findall(text, s, e))
        density[i] = min(density.get(i, 0.0) + 0.15 * caps, 1.5)
    keys = key_sentences(text, sentences, paragraphs, title=title, density=density)

    # keywords from the key sentences (yake-rust reads at most 400 characters)
    sample = " ".join(text[k.start:k.end] for k in sorted(keys, key=lambda k: k.start))
    candidates = keyword_candidates(sample)
    cap_keywords = {k for k, _ in candidates if _CAP_PHRASE.match(k)}
    names = find_names(text, sentences, cap_keywords, title=clean_line(title))
    key_idx = {_sentence_of(starts, sentences, k.start) for k in keys}
    out: list[Highlight] = [
        Highlight(HL_SENTENCE, text[k.start:k.end], k.start, k.end, rank, k.score)
        for rank, k in enumerate(keys)]
    out += _figure_highlights(text, figures, sentences, starts, title_cf, key_idx)
    out += _name_highlights(names, sentences, title_cf, key_idx)
    out += _keyword_highlights(text, candidates, names, figures, sentences, starts)
    out.sort(key=lambda h: (_ORDER[h.kind], h.rank))
    return out


def _figure_highlights(text, figures, sentences, starts, title_cf, key_idx) -> list[Highlight]:
    seen: dict[str, tuple[float, int, Highlight]] = {}
    n = max(len(text), 1)
    for f in figures:
        key = f.text.casefold()
        if key in seen:
            continue
        idx = _sentence_of(starts, sentences, f.start)
        number = _DIGIT.search(f.text) and re.search(r"[\d.,]+", f.text).group(0)
        score = WEIGHTS[f.kind] + 0.3 * (1 - f.start / n)
        score += 0.3 if number and number in title_cf else 0.0
        score += 0.3 if idx in key_idx else 0.0
        s, e = sentences[idx]
        seen[key] = (score, f.start, Highlight(HL_FIGURE, f.text, s, e, 0, round(score, 4)))
    ranked = sorted(seen.values(), key=lambda t: (-t[0], t[1]))[:LIMITS[HL_FIGURE]]
    return [_rerank(h, r) for r, (_, _, h) in enumerate(ranked)]


def _name_highlights(names: list[Name], sentences, title_cf, key_idx) -> list[Highlight]:
    by_kind: dict[str, list[tuple[float, int, Highlight]]] = {}
    for n in names:
        kind = _KIND_OF[n.kind]
        first = min(n.mentions, key=lambda m: m.start)
        forms = {n.text, *n.aliases}
        score = float(len(n.mentions))
        score += 1.0 if any(_find_word(title_cf, f.casefold()) >= 0 for f in forms) else 0.0
        score += 0.5 if first.sentence == 0 else 0.0
        score += 0.3 if any(m.sentence in key_idx for m in n.mentions) else 0.0
        s, e = sentences[first.sentence]
        h = Highlight(kind, n.text.rstrip(",;:"), s, e, 0, round(score, 4))
        by_kind.setdefault(kind, []).append((score, first.start, h))
    out: list[Highlight] = []
    for kind, items in by_kind.items():
        items.sort(key=lambda t: (-t[0], t[1]))
        out += [_rerank(h, r) for r, (_, _, h) in enumerate(items[:LIMITS[kind]])]
    return out


def _keyword_highlights(text, candidates, names, figures, sentences, starts) -> list[Highlight]:
    name_words: set[str] = set()
    suffix_words: set[str] = set()
    for n in names:
        for form in (n.text, *n.aliases):
            for w in form.split():
                if w in lx.ORG_SUFFIXES or w in lx.ACRONYM_STOP:
                    suffix_words.add(w)
                else:
                    name_words.add(w.casefold())
    stop = stopwords() | _MAGNITUDES | _WEAK_WORDS
    low = text.casefold()
    out: list[Highlight] = []
    chosen: list[str] = []
    for kw, score in candidates:
        kw = kw.strip(_EDGE_PUNCT)
        k = kw.casefold()
        words = k.split()
        raw = kw.split()
        if not words or _DIGIT.search(k) or any(w in stop for w in words):
            continue
        if all(w in lx.GENERIC or len(w) < 3 for w in raw) or any(w in name_words for w in words):
            continue
        if any(w in suffix_words or w in lx.NON_ENTITY_HEADS for w in raw):
            continue
        if len(raw) == 1 and (k.endswith(("ed", "ing")) or raw[0] in lx.GENERIC or (
                raw[0][:1].isupper() and not raw[0].isupper() and _find_word(text, k) < 0)):
            continue
        if len(raw) > 1 and (words[-1].endswith(("ed", "ing")) or words[0].endswith("ing")):
            continue                                      # "West Coast entered"
        if len(raw) >= 2 and all(w[:1].isupper() for w in raw):
            continue
        if any(_overlaps(k, c) or len(set(words) & set(c.split())) * 2 >= len(words)
               for c in chosen):
            continue
        at = _find_word(low, k)
        if at < 0:
            continue
        idx = _sentence_of(starts, sentences, at)
        s, e = sentences[idx]
        out.append(Highlight(HL_KEYWORD, kw, s, e, len(out), round(1.0 / (1.0 + score), 6)))
        chosen.append(k)
        if len(out) >= LIMITS[HL_KEYWORD]:
            break
    return out


def _find_word(haystack: str, needle: str) -> int:
    """Offset of the first whole-word occurrence of ``needle``, else -1."""
    at = haystack.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or not haystack[at - 1].isalnum()) and (
                end == len(haystack) or not haystack[end].isalnum()):
            return at
        at = haystack.find(needle, at + 1)
    return -1


def _overlaps(keyword: str, name: str) -> bool:
    """True when one contains the other as whole words."""
    a, b = f" {keyword} ", f" {name} "
    return a in b or b in a


def _rerank(h: Highlight, rank: int) -> Highlight:
    return Highlight(h.kind, h.text, h.start, h.end, rank, h.score)
