"""Cutting capitalised phrases out of a sentence (internal to :mod:`brief_tui.extract`).

A *run* is a stretch of capitalised words with joining words between them (``of``, ``&``,
``and``, ``de``…); only runs are tokenised, so plain lower-case prose costs one regex scan.
:func:`phrases` then cuts a run's tokens at punctuation, possessives and lower-case words,
keeping ``&`` always, ``of``/``for`` after a head noun (``Bank of Japan``) and ``and`` before a
suffix (``Food and Drug Administration``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from brief_tui.extract import lexicon as lx

_WORD = re.compile(r"\S+")
LEAD = "\"'“‘([{<*_"
TRAIL = "\"'”’)]}>,;:!?*_"
_ABBREV = {"Co", "Corp", "Inc", "Ltd", "Jr", "Sr", "St", "Mt", "Bros", "Dr", "Mr", "Mrs", "Ms",
           "Prof", "Ft", "Gen", "Sen", "Rep", "Gov"}
INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
CONNECT = {"of", "de", "du", "des", "del", "della", "da", "di", "van", "von", "der", "den",
           "la", "le", "bin", "al", "y", "&", "for", "and"}
ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})(?:[A-Z][A-Z0-9&+]{1,6}|[A-Z]{2,5}s?)$")
CAMEL = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z0-9]+$")
KNOWN_CF = {k.casefold() for k in lx.KNOWN_ORGS}
PLACES_CF = {k.casefold() for k in lx.PLACES}
_ADJ_SUFFIXES = lx.PLACE_ADJ_SUFFIXES + ("-backed", "-owned", "-funded", "-controlled")
_HAS_DIGIT = re.compile(r"\d")
# A run of capitalised words (with "of", "&"… between them): only these are tokenised.
_CAP_WORD = r"[\"'“‘(\[{<*_]*(?:[A-Z]|[a-z]{1,2}(?=[A-Z]))\S*"
RUN = re.compile(r"(?<!\S)" + _CAP_WORD + r"(?:[ \t]+(?:(?:of|and|de|du|des|del|della|da|di|van|"
                 r"von|der|den|la|le|bin|al|y|for|&)[ \t]+)?" + _CAP_WORD + r")*")
STRIP = LEAD + TRAIL


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """Comparison key of a name: case-folded, no full stops, no leading "the", one space."""
    name = name.casefold().replace(".", "").replace("’", "'")
    if name.startswith("the "):
        name = name[4:]
    return " ".join(name.split())


def known_prefix(words: list[str]) -> bool:
    """True when the words start with a known place or organisation ("New York", "Middle")."""
    return _known_prefix_t(tuple(words[:3]))


@lru_cache(maxsize=4096)
def _known_prefix_t(words: tuple[str, ...]) -> bool:
    for n in (3, 2, 1):
        if len(words) >= n:
            k = name_key(" ".join(words[:n]))
            if k in PLACES_CF or k in KNOWN_CF:
                return True
    return False


@dataclass(slots=True)
class Tok:
    """A word of a run: its text (punctuation, possessive and "-based" cut off) and offsets."""

    word: str
    start: int
    end: int
    brk: bool            # punctuation (or a possessive) after the word ends a phrase
    poss: bool = False   # "X's"
    adj: str = ""        # "-based", "-backed"… suffix cut off the word


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of ``text[start:end]`` with offsets into ``text`` (cached by the run's text)."""
    return [Tok(w, start + s, start + e, brk, poss, adj)
            for w, s, e, brk, poss, adj in _run_tokens(text[start:end])]


@lru_cache(maxsize=4096)
def _run_tokens(run: str) -> tuple[tuple[str, int, int, bool, bool, str], ...]:
    return tuple((t.word, t.start, t.end, t.brk, t.poss, t.adj) for t in _scan(run, 0, len(run)))


def _scan(text: str, start: int, end: int) -> list[Tok]:
    out: list[Tok] = []
    for m in _WORD.finditer(text, start, end):
        w, s = m.group(0), m.start()
        if w.isalpha() and w.islower():                 # the common case: a plain word
            out.append(Tok(w, s, s + len(w), False))
            continue
        if w != "&" and not any(ch.isalnum() for ch in w):   # dashes, bullets, punctuation
            if out:
                out[-1].brk = True
            continue
        lead = len(w) - len(w.lstrip(LEAD))
        w, s = w[lead:], s + lead
        if lead and out:
            out[-1].brk = True
        core = w.rstrip(TRAIL)
        brk = core != w
        if core.endswith(".") and not (core[:-1] in _ABBREV or INITIALS.match(core)):
            core, brk = core[:-1], True
        if not core:
            if out:
                out[-1].brk = True
            continue
        poss = False
        if core[-1] in "s'’":
            for suf in ("'s", "’s", "'", "’"):
                if core.endswith(suf) and len(core) > len(suf) + 1 and is_cap(
                        core[: -len(suf)]):
                    core, poss, brk = core[: -len(suf)], True, True
                    break
        adj = ""
        if "-" in core and core[0].isupper():
            low = core.casefold()
            for suf in _ADJ_SUFFIXES:
                if low.endswith(suf) and len(core) > len(suf) + 1:
                    core, adj, brk = core[: -len(suf)], suf, True
                    break
        out.append(Tok(core, s, s + len(core), brk, poss, adj))
    return out


@lru_cache(maxsize=4096)
def is_cap(word: str) -> bool:
    """Capitalised (``Nvidia``), camel-cased (``xAI``) or an acronym with digits (``5G``)."""
    if not word or (_HAS_DIGIT.search(word) and not ACRONYM.match(word)):
        return False
    return word[0].isupper() or bool(CAMEL.match(word))


def _and_joins(toks: list[Tok], i: int, j: int) -> bool:
    """Does "and" at ``j`` join one name ("Food and Drug Administration")? Only when the words
    after it end in an organisation suffix and the words before it do not."""
    left = [t.word for t in toks[i:j]]
    if (toks[j].brk or left[-1] in lx.ORG_SUFFIXES or " ".join(left) in lx.KNOWN_ORGS
            or name_key(" ".join(left)) in PLACES_CF):
        return False
    k = j + 1
    while k < len(toks) and is_cap(toks[k].word):
        if toks[k].brk:
            k += 1
            break
        k += 1
    right = [t.word for t in toks[j + 1:k]]
    return bool(right) and right[-1] in lx.ORG_SUFFIXES and len(right) >= 2


def phrases(toks: list[Tok]) -> list[tuple[int, int]]:
    """Token ranges [i, j) of capitalised phrases in one sentence."""
    out = []
    i = 0
    while i < len(toks):
        if not is_cap(toks[i].word) or toks[i].word == "&":
            i += 1
            continue
        j = i + 1
        while j < len(toks) and not toks[j - 1].brk:
            w = toks[j].word
            if is_cap(w):
                j += 1
            elif (w in CONNECT and w != "and" and j + 1 < len(toks) and not toks[j].brk
                  and is_cap(toks[j + 1].word)
                  and (w not in ("for", "of") or toks[j - 1].word in lx.ORG_HEADS)):
                j += 2
            elif w == "&" and j + 1 < len(toks) and is_cap(toks[j + 1].word):
                j += 2
            elif w == "and" and _and_joins(toks, i, j):
                j += 2
            else:
                break
        out.append((i, j))
        i = j
    return out


