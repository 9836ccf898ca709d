"""Keyword candidates from yake-rust (YAKE, statistical, no model; lower score = better).

yake-rust costs about 3 µs per character on the reference machine, so it reads at most
:data:`MAX_CHARS` characters; the caller hands it the headline and the key sentences, where a
story's subject is stated. Line ends without punctuation get a full stop so headings do not
run into the next line.
"""

from __future__ import annotations

import re
from functools import lru_cache

MAX_CHARS = 400
_LINE_END = re.compile(r"(?<![.!?:;])[ \t]*\n")


@lru_cache(maxsize=1)
def _yake():
    from yake_rust import Yake

    return Yake(language="en", ngrams=3)


def _bounded(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text.rfind(" ", 0, MAX_CHARS)
    return text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]


def stopwords() -> frozenset[str]:
    """yake-rust's English stop words (lower case)."""
    return _stopwords()


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(w.casefold() for w in (_yake().stopwords or ()))


def keyword_candidates(text: str, n: int = 30) -> list[tuple[str, float]]:
    """Return up to ``n`` ``(keyword, score)`` pairs, best (lowest score) first.

    Args:
        text: plain text; only its first :data:`MAX_CHARS` characters are read.
        n: how many candidates to ask for.

    Returns:
        Keywords as yake-rust gives them (surface form of the text), scores rounded to 6
        places, sorted by score then keyword so the order is the same in every process.
        ``[]`` when the text has no words.
    """
    sample = _LINE_END.sub(".\n", _bounded(text))
    if not sample.strip():
        return []
    try:
        found = _yake().get_n_best(sample, n=2 * n)
    except Exception:  # noqa: BLE001 - a keyword failure must not lose the other highlights
        return []
    # yake-rust orders ties differently from one process to the next: sort them ourselves
    ranked = sorted(((k, round(float(s), 6)) for k, s in found), key=lambda t: (t[1], t[0]))
    return ranked[:n]
