"""Key sentences: what happened (the lede) and why it matters (cue phrases, labelled paragraphs).

Every sentence is scored from its position (the first sentence of the story and of a
paragraph), cue phrases that announce significance ("matters because", "the broader signal",
"Why it matters:"), the figures and names in it and its overlap with the headline. The best
"why" sentence comes first, then the lede, then a second strong "why" sentence if any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Phrases that announce why a story matters: (pattern over the lower-cased sentence, weight,
# substrings one of which must occur for the pattern to be tried at all).
_CUES: list[tuple[re.Pattern[str], float, tuple[str, ...]]] = [(re.compile(p), w, t) for p, w, t in (
    (r"^\W*(?:why (?:it|this) matters|the big picture|big picture|bottom line|the bottom line|"
     r"our take|the takeaway|key takeaway|what it means|what this means|the significance|"
     r"between the lines|zoom out)\b[^:]{0,12}:", 3.0, (":",)),
    (r"\bmatters?\b[^.;:]{0,40}\b(?:because|for|since|as)\b", 3.0, ("matter",)),
    (r"\b(?:this|that|it|which|the (?:move|deal|decision|case|ruling|shift|change|"
     r"contract|plan|round|plant|project|cancellation|warning|licence|license|acquisition|"
     r"investment|announcement|cut|hike|outcome|result))\s+matters\b", 3.0, ("matters",)),
    (r"\bthe (?:broader|bigger|wider|real|key|larger|underlying) (?:signal|picture|story|"
     r"point|question|lesson|takeaway|risk|issue|implication|message|shift|trend)\b", 2.5,
     ("the broader", "the bigger", "the wider", "the real", "the key", "the larger",
      "the underlying")),
    (r"\b(?:signifi(?:cance|cant)|implications?|the stakes|the upshot|clearest sign|"
     r"(?:a|the) sign that|signals? that|number to watch|key question|what to watch|"
     r"underscores|highlights how|marks (?:a|the) (?:first|turning|shift))\b", 2.0,
     ("signific", "implication", "stakes", "upshot", "sign", "to watch", "key question",
      "underscores", "highlights how", "marks ")),
    (r"\b(?:for (?:investors|creditors|markets|customers|the industry|policymakers|europe|"
     r"the (?:us|uk|eu))|the losers|the winners|winners and losers)\b", 1.0,
     ("for ", "loser", "winner")),
    (r"\b(?:is (?:the|a) (?:first|largest|biggest)|for the first time|record)\b", 0.5,
     ("first", "largest", "biggest", "record")),
)]
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
_STOP = frozenset("""the and for with from that this into over under after before about its
their has have had was were will would said says than then also more most such which while
they them what when where who why how are but not can could may might our your his her""".split())

WHY = "why"
LEDE = "lede"


@dataclass(frozen=True, slots=True)
class KeySentence:
    """A chosen sentence: its span in the text, its role (``why``/``lede``) and score."""

    start: int
    end: int
    role: str
    score: float


_TRIGGER = re.compile("|".join(re.escape(t) for _, _, ts in _CUES for t in ts))


def cue_score(sentence: str) -> float:
    """Weight of the significance cues in one sentence (0 when none)."""
    low = sentence.casefold()
    if not _TRIGGER.search(low):
        return 0.0
    return sum(w for rx, w, triggers in _CUES
               if any(t in low for t in triggers) and rx.search(low))


def _content_words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)} - _STOP


def key_sentences(text: str, sentences: list[tuple[int, int]],
                  paragraphs: list[tuple[int, int]], *, title: str = "",
                  density: dict[int, float] | None = None) -> list[KeySentence]:
    """Choose one to three key sentences.

    Args:
        text: plain text of the story.
        sentences: its sentence spans.
        paragraphs: its paragraph spans.
        title: the headline (helps pick the lede).
        density: optional extra weight per sentence index (figures and names in it).

    Returns:
        Up to three :class:`KeySentence`, best first: the strongest "why it matters" sentence
        (when a cue is present), the lede, and a second cue sentence scoring at least 2.
    """
    if not sentences:
        return []
    density = density or {}
    title_words = _content_words(title)
    para_starts = {p[0] for p in paragraphs}
    label_paras = [p for p in paragraphs if _CUES[0][0].search(text[p[0]:p[0] + 60].casefold())]
    scored: list[tuple[float, float, int]] = []          # (why score, lede score, index)
    for idx, (s, e) in enumerate(sentences):
        sent = text[s:e]
        words = len(sent.split())
        why = cue_score(sent)
        if any(p[0] <= s < p[1] for p in label_paras):
            why += 1.5 if s in para_starts else 0.5
        if words < 6:
            why *= 0.3
        base = 3.0 if idx == 0 else 1.0 if s in para_starts else 0.0
        overlap = len(_content_words(sent) & title_words) if base and title_words else 0
        lede = base + 0.4 * overlap
        lede += density.get(idx, 0.0) - (1.0 if words < 6 else 0.0)
        scored.append((why + 0.2 * density.get(idx, 0.0), lede, idx))
    chosen: list[KeySentence] = []
    whys = sorted((c for c in scored if c[0] >= 1.5), key=lambda c: (-c[0], c[2]))
    if whys:
        w = whys[0]
        chosen.append(KeySentence(*sentences[w[2]], WHY, round(w[0], 4)))
    taken = {c.start for c in chosen}
    ledes = sorted((c for c in scored if sentences[c[2]][0] not in taken),
                   key=lambda c: (-c[1], c[2]))
    if ledes:
        l0 = ledes[0]
        chosen.append(KeySentence(*sentences[l0[2]], LEDE, round(l0[1], 4)))
    taken = {c.start for c in chosen}
    for w in whys[1:]:
        if sentences[w[2]][0] not in taken and w[0] >= 2.0:
            chosen.append(KeySentence(*sentences[w[2]], WHY, round(w[0], 4)))
            break
    return chosen
