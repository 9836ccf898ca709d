"""Score the highlight extractor against hand-written labels.

Usage (from the repository root):

    python bench/extract/score.py                 # the development corpus
    python bench/extract/score.py --heldout       # the held-out stories
    python bench/extract/score.py -v              # also list misses and false hits
    python bench/extract/score.py --repeat 50     # timing repetitions per story

Each document under ``corpus/`` (or ``heldout/``) has a ``<name>.labels.json`` next to it with,
per story (matched by exact title): ``figures``, ``organisations``, ``people``, ``places``
(alternatives for one item separated by ``|``) and ``key_sentence``. Documents are parsed with
the briefing parser, then :func:`brief_tui.extract.extract_highlights` runs on each story's
text. Printed: precision and recall per kind (micro-averaged), key-sentence hits (the labelled
sentence among the sentence highlights, and at rank 0), and milliseconds per story: wall-clock
and CPU time (``time.thread_time``, which other processes on a busy machine do not inflate), for
the labelled stories and for the longer unlabelled stories in ``timing/`` (2.4–3.3 KB).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from brief_tui.domain.models import (  # noqa: E402
    HL_FIGURE,
    HL_ORGANISATION,
    HL_PERSON,
    HL_PLACE,
    HL_SENTENCE,
)
from brief_tui.extract import extract_highlights  # noqa: E402
from brief_tui.parse.briefing import parse_briefing  # noqa: E402

KINDS = {"figures": HL_FIGURE, "organisations": HL_ORGANISATION, "people": HL_PERSON,
         "places": HL_PLACE}


def norm_name(text: str) -> str:
    text = text.casefold().replace("’", "'").replace(".", "")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


def norm_figure(text: str) -> str:
    return " ".join(text.casefold().replace("−", "-").split())


def match_names(pred: list[str], labels: list[str]) -> tuple[int, list[str], list[str]]:
    """One-to-one matching; returns (true positives, false hits, misses)."""
    alts = [{norm_name(a) for a in label.split("|")} for label in labels]
    used = [False] * len(labels)
    wrong = []
    for p in pred:
        n = norm_name(p)
        for i, a in enumerate(alts):
            if not used[i] and n in a:
                used[i] = True
                break
        else:
            wrong.append(p)
    return sum(used), wrong, [labels[i] for i, u in enumerate(used) if not u]


def match_figures(pred: list[str], labels: list[str]) -> tuple[int, list[str], list[str]]:
    """A figure matches a label when one contains the other (``137,000 barrels a day``)."""
    used = [False] * len(labels)
    wrong = []
    for p in pred:
        n = norm_figure(p)
        for i, label in enumerate(labels):
            lab = norm_figure(label)
            if not used[i] and (n == lab or n in lab or lab in n):
                used[i] = True
                break
        else:
            wrong.append(p)
    return sum(used), wrong, [labels[i] for i, u in enumerate(used) if not u]


def sentence_hit(sentences: list[str], label: str) -> int | None:
    """Rank of the sentence highlight that is the labelled sentence, else None."""
    want = " ".join(label.split())
    for rank, s in enumerate(sentences):
        got = " ".join(s.split())
        if want in got or (got in want and len(got) >= 0.6 * len(want)):
            return rank
    return None


def time_story(text: str, title: str, repeat: int) -> tuple[float, float, float]:
    """(wall ms median, CPU ms median, CPU ms best) of ``repeat`` extractions."""
    wall, cpu = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.thread_time()
        extract_highlights(text, title=title)
        cpu.append((time.thread_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    return statistics.median(wall), statistics.median(cpu), min(cpu)


def timing_report(label: str, rows: list[tuple[int, tuple[float, float, float]]]) -> None:
    sizes = [size for size, _ in rows]
    wall = [t[0] for _, t in rows]
    cpu = [t[1] for _, t in rows]
    best = [t[2] for _, t in rows]
    print(f"{label}: {len(rows)} stories, {min(sizes)}–{max(sizes)} bytes (median "
          f"{statistics.median(sizes):.0f}); ms/story median: wall {statistics.median(wall):.2f}, "
          f"CPU {statistics.median(cpu):.2f} (best-run CPU {statistics.median(best):.2f}); "
          f"slowest story CPU {max(cpu):.2f}")


def load(folder: Path) -> list[tuple[str, str, str, dict]]:
    """(document, title, text, labels) for every labelled story."""
    stories = []
    for doc in sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md")):
        labels = json.loads(doc.with_suffix(".labels.json").read_text(encoding="utf-8"))
        feed = parse_briefing(doc.read_bytes(), url=doc.as_uri())
        by_title = {e.title: e for e in feed.entries}
        for want in labels["stories"]:
            entry = by_title.get(want["title"])
            if entry is None:
                print(f"PARSE MISS {doc.name}: {want['title']!r}")
                stories.append((doc.name, want["title"], "", want))
            else:
                stories.append((doc.name, entry.title, entry.text, want))
    return stories


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--heldout", action="store_true", help="score the held-out stories")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false hits")
    ap.add_argument("--repeat", type=int, default=50, help="timing repetitions per story")
    args = ap.parse_args()
    folder = HERE / ("heldout" if args.heldout else "corpus")
    stories = load(folder)
    extract_highlights("Warm up. Mistral AI raised $1 million in Paris.", title="Warm up")
    totals = {k: [0, 0, 0] for k in KINDS}                      # tp, predicted, labelled
    hits = first = 0
    timings: list[tuple[int, tuple[float, float, float]]] = []
    for doc, title, text, want in stories:
        hl = extract_highlights(text, title=title)
        timings.append((len(text.encode("utf-8")), time_story(text, title, args.repeat)))
        if args.verbose:
            print(f"\n== {doc}: {title}")
        for key, kind in KINDS.items():
            pred = [h.text for h in hl if h.kind == kind]
            matcher = match_figures if kind == HL_FIGURE else match_names
            tp, wrong, missed = matcher(pred, want[key])
            totals[key][0] += tp
            totals[key][1] += len(pred)
            totals[key][2] += len(want[key])
            if args.verbose and (wrong or missed):
                print(f"  {key:13} false: {wrong}  missed: {missed}")
        rank = sentence_hit([h.text for h in hl if h.kind == HL_SENTENCE], want["key_sentence"])
        hits += rank is not None
        first += rank == 0
        if args.verbose and rank is None:
            print(f"  key sentence missed; got {[h.text[:60] for h in hl if h.kind == HL_SENTENCE]}")
    n = len(stories)
    print(f"\n{'heldout' if args.heldout else 'corpus'}: {n} labelled stories")
    print("| kind | labelled | predicted | precision | recall |")
    print("|---|---|---|---|---|")
    for key, (tp, pred, lab) in totals.items():
        p = tp / pred if pred else 1.0
        r = tp / lab if lab else 1.0
        print(f"| {key} | {lab} | {pred} | {p:.2f} | {r:.2f} |")
    print(f"\nkey sentence among sentence highlights: {hits}/{n}; at rank 0: {first}/{n}")
    timing_report("labelled stories", timings)
    long_rows = []
    for doc in sorted((HERE / "timing").glob("*.md")):
        for e in parse_briefing(doc.read_bytes(), url=doc.as_uri()).entries:
            long_rows.append((len(e.text.encode("utf-8")), time_story(e.text, e.title,
                                                                     args.repeat)))
    timing_report("timing/ (typical 2–4 KB stories)", long_rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
