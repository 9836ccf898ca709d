"""Names of organisations, people and places, by form and context (no statistical model).

1. Capitalised phrases are cut from each sentence (``&`` and ``of``/``de``/``van``… join
   words; possessives, punctuation and lower-case words end a phrase; leading sentence-starter
   and role words are trimmed, and a role word marks what follows as a person).
2. Each phrase gathers evidence: organisation suffix (``Capital``, ``Inc``, ``AI``…), ``<Bank>
   of <X>``, acronym, the built-in gazetteers, role words before it (``CEO``, ``finance
   minister``), given-name and name-shape tests, cue words (``backed by``, ``investors
   including``, ``hyperscalers like``, ``near``, ``in``), ``X, <place>``, ``X-based``, the
   verb after it (``X said``), ``X's shares``, and being a capitalised keyword candidate.
3. Short forms join the long form (``Mistral`` → ``Mistral AI``; ``Huang`` → ``Jensen Huang``;
   ``TSMC`` ↔ ``Taiwan Semiconductor Manufacturing Co.`` by initials or parentheses), then
   unclassified names in a list with a classified one take its kind ("Foxconn and Bosch").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from brief_tui.extract import lexicon as lx
from brief_tui.extract.tokens import (
    ACRONYM,
    CAMEL,
    CONNECT,
    INITIALS,
    KNOWN_CF,
    PLACES_CF,
    RUN,
    STRIP,
    TRAIL,
    Tok,
    is_cap,
    known_prefix,
    name_key,
    phrases,
    tokens,
)

_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)*|(?:[A-Z]\.)+|[A-Z][a-z]+"
                         r"[A-Z][a-z]+)$")
_GIVEN_HYPHEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")
_DETERMINERS = {"the", "its", "their", "a", "an", "his", "her", "our"}
_ORG_CUES = frozenset(lx.ORG_CUES)
_PLURAL = re.compile(r"^[A-Z][a-z]+[^s]s$")
_FIRST_ALNUM = re.compile(r"\w")
_SKIP_BACK = frozenset(" \t\"'“‘([*_")
_PRE_WORD = re.compile(r"[\w'’&.+-]+")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")
_NEXT_NAME = re.compile(r"([A-Z][\w.'’-]*)(?: ([A-Z][\w.'’-]*))?")
_APPOSITIVE = re.compile(r", (?:the|a|an) ((?:[\w'’-]+[ \t]?){1,5})")
_COORD = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)")
_PAREN = re.compile(r"\s*\(")
_INNER_CAP = re.compile(r"^[A-Za-z][a-z]+[A-Z]")



class _LowerWords:
    """``word in lower_words``: does ``word`` (lower case) occur in the text in lower case?"""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = self.seen.get(word)
        if found is None:
            found = self.seen[word] = _find_word(self.text, word)
        return found


def _find_word(text: str, word: str) -> bool:
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalpha()) and (end == len(text)
                                                       or not text[end].isalpha()):
            return True
        at = text.find(word, at + 1)
    return False


ORG = "organisation"
PERSON = "person"
PLACE = "place"

@dataclass(slots=True)
class Mention:
    """One occurrence of a name: offsets of the name itself and of its sentence."""

    start: int
    end: int
    sentence: int
    initial: bool


@dataclass(slots=True)
class Name:
    """A name with its mentions, evidence and the kind decided (``None`` = not an entity)."""

    text: str
    mentions: list[Mention] = field(default_factory=list)
    evidence: set[str] = field(default_factory=set)
    kind: str | None = None
    aliases: set[str] = field(default_factory=set)


class _Collector:
    """Walks the sentences and records every phrase as a :class:`Name` with its evidence."""

    def __init__(self, text: str, sentences: list[tuple[int, int]],
                 lower_words: _LowerWords) -> None:
        self.text = text
        self.sentences = sentences
        self.lower_words = lower_words
        self.names: dict[str, Name] = {}
        self.links: list[tuple[str, str]] = []      # coordinated pairs
        self.paren: list[tuple[str, str]] = []      # (long name, acronym in parentheses)

    def add(self, toks: list[Tok], i: int, j: int, sent: int, initial: bool,
            evidence: set[str]) -> str | None:
        words = [t.word for t in toks[i:j]]
        # trim leading starters, connectors and role words; a role word marks a person. A name
        # of three words or more ending in a suffix keeps its adjectives ("National Retail
        # Federation") and loses only function words ("The").
        keep_adjectives = (sum(w not in lx.FUNCTION_WORDS for w in words) >= 3
                           and words[-1] in lx.ORG_SUFFIXES and words[-1] != "AI")
        while words and (words[0] in lx.FUNCTION_WORDS or words[0] in CONNECT or (
                ((words[0] in lx.GENERIC and not keep_adjectives)
                 or words[0].casefold() in lx.ROLE_WORDS
                 or (initial and i == 0 and (words[0].casefold() in lx.DESCRIPTORS
                                             or words[0].casefold() in self.lower_words)))
                and not known_prefix(words))):
            if words[0].casefold() in lx.ROLE_WORDS:
                evidence.add("role")
            words.pop(0)
            i += 1
            initial = False if i > 0 else initial
        while words and (words[-1] in CONNECT or (words[-1] in lx.GENERIC and (
                len(words) == 1 or words[-1] in lx.FUNCTION_WORDS
                or words[-1] in lx.TRAILING_TRIM)) or (
                words[-1] in lx.ACRONYM_STOP and words[-1] not in lx.ORG_SUFFIXES)) and not (
                name_key(" ".join(words)) in PLACES_CF or name_key(" ".join(words)) in KNOWN_CF):
            words.pop()
            j -= 1
        if not words or words[-1] in lx.NON_ENTITY_TAILS or words[0] in lx.NON_ENTITY_HEADS:
            return None
        if len(words) == 1 and (words[0] in lx.ORG_SUFFIXES or words[0] in lx.ACRONYM_STOP) and (
                name_key(words[0]) not in PLACES_CF and words[0] not in lx.KNOWN_ORGS):
            return None
        # split "Nvidia Blackwell" (known + unknown) but keep "Microsoft Azure", "Meta Platforms"
        if len(words) >= 2 and words[0] in lx.KNOWN_ORGS and " ".join(words) not in lx.KNOWN_ORGS:
            rest = words[1:]
            if not (rest[-1] in lx.ORG_SUFFIXES or all(
                    w in lx.KNOWN_ORGS or (w not in lx.ACRONYM_STOP and (CAMEL.match(w) or (
                        w[:1].isupper() and any(c.isupper() for c in w[1:]))))
                    for w in rest)):
                self.add(toks, i, i + 1, sent, initial, set(evidence))
                return self.add(toks, i + 1, j, sent, False, set())
        name = " ".join(words)
        start, end = toks[i].start, toks[j - 1].end
        key = name_key(name)
        entry = self.names.setdefault(key, Name(name))
        if len(name) > len(entry.text):
            entry.text = name
        entry.mentions.append(Mention(start, end, sent, initial))
        entry.evidence |= evidence
        return key

    def sentence(self, idx: int) -> None:
        text = self.text
        s0, s1 = self.sentences[idx]
        content = _FIRST_ALNUM.search(text, s0, s1)
        first = content.start() if content else s1
        prev_key: str | None = None
        prev_end = -1
        for run in RUN.finditer(text, s0, s1):
            word = run.group(0).strip(STRIP)
            if " " not in word:                             # "The", "Analysts", "Chief"…
                low = word.casefold()
                if word in lx.GENERIC or low in lx.ROLE_WORDS or (run.start() <= first and (
                        low in self.lower_words or low in lx.DESCRIPTORS)):
                    prev_key = None
                    continue
            toks = tokens(text, run.start(), run.end())
            for i, j in phrases(toks):
                start, last = toks[i].start, toks[j - 1]
                words = [w.casefold().strip(TRAIL) for w in
                         _PRE_WORD.findall(text, max(s0, start - 48), start)[-3:]]
                prev = words[-1] if words else ""
                before = " ".join(words)
                k = start - 1
                while k > s0 and text[k] in _SKIP_BACK:
                    k -= 1
                initial = start == first or text[k] == ":"
                evidence = self._context(words, prev, before, initial, last, s1)
                key = self.add(toks, i, j, idx, initial, evidence)
                if key is None:
                    prev_key = None
                    continue
                between = text[prev_end:start] if prev_key else ""
                if prev_key and not (last.poss or last.adj) and _COORD.fullmatch(between):
                    self.links.append((prev_key, key))
                if prev_key and _PAREN.fullmatch(between):
                    self.paren.append((prev_key, key))
                prev_key, prev_end = key, last.end
                if last.poss or last.adj:
                    prev_key = None

    def _context(self, words: list[str], prev: str, before: str, initial: bool, last: Tok,
                 s1: int) -> set[str]:
        """Evidence from the words around a phrase (cue words, verbs, "X, <place>")."""
        text = self.text
        evidence: set[str] = set()
        if prev in lx.ROLE_WORDS:
            evidence.add("role")
        if (prev in _ORG_CUES or before in _ORG_CUES or " ".join(words[-2:]) in _ORG_CUES) or (
                len(words) >= 2 and (words[-2] in lx.ORG_PLURALS and words[-1] in (
                    "including", "like")) or (len(words) == 3 and words[1:] == ["such", "as"]
                                             and words[0] in lx.ORG_PLURALS)):
            evidence.add("org_cue")
        if prev in lx.PLACE_PREPOSITIONS:
            evidence.add("geo")
        if prev in ("near", "outside", "across", "throughout") or before.endswith(
                ("based in", "headquartered in", "located in")):
            evidence.add("place_cue")
        elif prev == "in" and not initial:
            evidence.add("in_cue")
        nxt = _NEXT_WORD.match(text, last.end, s1)
        after = nxt.group(1).casefold() if nxt and not last.brk else ""
        if last.adj in lx.PLACE_ADJ_SUFFIXES:
            evidence.add("place_cue")
        elif last.adj:
            evidence.add("org_cue")
        elif last.poss:
            following = text[last.end:min(s1, last.end + 48)].casefold().split()[:4]
            if any(w.strip(TRAIL) in lx.BUSINESS_NOUNS for w in following):
                evidence.add("org_cue")
        elif after in lx.ACTOR_VERBS:
            evidence.add("actor")
        elif after in lx.ORG_FOLLOWERS:
            evidence.add("org_cue")
        elif last.brk and text.startswith((", which", ", whose"), last.end):
            evidence.add("actor")
        elif last.brk and text.startswith(", ", last.end):
            m = _APPOSITIVE.match(text, last.end, s1)
            if m and any(w in lx.APPOSITIVE_NOUNS for w in m.group(1).casefold().split()):
                evidence.add("org_cue")
        if after in lx.PLACE_NOUNS and prev in _DETERMINERS:
            evidence.add("place_cue")
        if last.brk and text.startswith(", ", last.end):
            m = _NEXT_NAME.match(text, last.end + 2, s1)
            if m and (name_key(m.group(1)) in PLACES_CF or name_key(m.group(0)) in PLACES_CF):
                evidence.add("place_comma")
        return evidence


def _initials(words: list[str], keep_connectors: bool) -> str:
    return "".join(w[0].upper() for w in words
                   if w and (keep_connectors or w not in CONNECT) and w[0].isalpha())


def _person_shaped(words: list[str]) -> bool:
    return 2 <= len(words) <= 4 and all(_NAME_TOKEN.match(w) for w in words) and (
        words[-1] not in lx.ORG_SUFFIXES)


def _decide(name: Name, keywords: set[str]) -> str | None:
    words = name.text.split()
    ev = name.evidence
    key = name_key(name.text)
    initial_only = all(m.initial for m in name.mentions)
    if key in KNOWN_CF or (words[0] in lx.KNOWN_ORGS and words[-1] in lx.ORG_SUFFIXES):
        return ORG
    if len(words) >= 2 and words[-1] in lx.ORG_SUFFIXES:
        return ORG
    if "of" in words[1:] and words[words.index("of") - 1] in lx.ORG_HEADS:
        return ORG
    if "role" in ev and _person_shaped(words):
        return PERSON
    if key in PLACES_CF:
        return PLACE
    if _person_shaped(words) and (words[0] in lx.FIRST_NAMES or any(
            _GIVEN_HYPHEN.match(w) for w in words[1:]) or INITIALS.match(words[0])):
        return PERSON
    if ACRONYM.match(words[0]) and words[0] not in lx.ACRONYM_STOP and (
            len(words) == 1 or all(is_cap(w) for w in words[1:])):
        return ORG
    if "org_cue" in ev:
        return ORG
    if ev & {"place_cue", "place_comma"} or ("geo" in ev and words[-1] in lx.GEO_TAILS):
        return PLACE
    if "in_cue" in ev and len(words) == 1 and not initial_only:
        return PLACE
    if "actor" in ev and (not initial_only or len(words) > 1 or (
            (len(name.mentions) > 1 or "title" in ev or _INNER_CAP.match(words[0]))
            and not _PLURAL.match(words[0]))):
        return ORG
    if len(words) >= 2 and not initial_only and name.text in keywords and "role" not in ev:
        return ORG
    return None


def find_names(text: str, sentences: list[tuple[int, int]], keywords: set[str] | None = None,
               title: str = "") -> list[Name]:
    """Find organisation, person and place names in ``text``.

    Args:
        text: plain text.
        sentences: its sentence spans (see :func:`brief_tui.extract.spans.sentence_spans`).
        keywords: capitalised keyword candidates (surface forms) from the keyword extractor.
        title: the headline; a name it repeats counts as a little more evidence.

    Returns:
        Names with a decided ``kind`` (``organisation``, ``person`` or ``place``), each with
        every mention (short forms included), in order of first mention.
    """
    keywords = keywords or set()
    col = _Collector(text, sentences, _LowerWords(text))
    for idx in range(len(sentences)):
        col.sentence(idx)
    names = col.names
    title_words = set(re.findall(r"[\w'’&.+-]+", title))
    for key, name in names.items():
        if name.text in title or (len(name.text.split()) == 1 and name.text in title_words):
            name.evidence.add("title")
        name.kind = _decide(name, keywords)
    _merge_aliases(names, col.paren)
    for _ in range(2):                                  # coordination: "Foxconn and Bosch"
        for a, b in col.links:
            na, nb = names.get(a), names.get(b)
            if na and nb and (na.kind is None) != (nb.kind is None):
                known, unknown = (na, nb) if na.kind else (nb, na)
                if known.kind in (ORG, PLACE) and not all(m.initial for m in unknown.mentions):
                    unknown.kind = known.kind
    result = [n for n in names.values() if n.kind]
    result.sort(key=lambda n: min(m.start for m in n.mentions))
    return result


def _merge_aliases(names: dict[str, Name], paren: list[tuple[str, str]]) -> None:
    """Fold short forms into the long form they abbreviate; delete the short entries."""
    by_first: dict[str, list[tuple[Name, list[str]]]] = {}
    by_initials: dict[str, list[Name]] = {}
    by_last: dict[str, list[Name]] = {}
    for n in sorted(names.values(), key=lambda n: -len(n.text.split())):
        lw = n.text.split()
        if n.kind == ORG:
            by_first.setdefault(lw[0], []).append((n, lw))
            for ini in {_initials(lw, True), _initials(lw, False)}:
                by_initials.setdefault(ini, []).append(n)
            if len(lw) == 2 and lw[0] in lx.FIRST_NAMES:            # "Eli Lilly" -> "Lilly"
                by_last.setdefault(lw[-1], []).append(n)
        elif n.kind == PERSON and len(lw) > 1:
            by_last.setdefault(lw[-1], []).append(n)
    paren_of = {acro: long for long, acro in paren}
    gone: set[int] = set()
    for short_key, short in sorted(names.items(), key=lambda kv: len(kv[1].text.split())):
        sw = short.text.split()
        n_short = len(sw)
        target: Name | None = None
        long_key = paren_of.get(short_key)
        if long_key in names and names[long_key].kind == ORG and names[long_key] is not short:
            target = names[long_key]
        if target is None:
            for long, lw in by_first.get(sw[0], ()):
                if (long is not short and id(long) not in gone and len(lw) > n_short
                        and lw[:n_short] == sw
                        and " ".join(lw[n_short:]) not in lx.KNOWN_ORGS):   # "Microsoft Azure"
                    target = long
                    break
        if target is None and n_short == 1 and sw[0] not in lx.ORG_SUFFIXES:
            target = next((n for n in by_initials.get(sw[0], []) + by_last.get(sw[0], [])
                           if n is not short and id(n) not in gone
                           and len(n.text.split()) > 1), None)
        if target is None or (short.kind and short.kind != target.kind and short.kind != ORG):
            continue
        target.mentions.extend(short.mentions)
        target.aliases.add(short.text)
        gone.add(id(short))
        del names[short_key]
