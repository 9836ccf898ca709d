"""Generate a deterministic, realistic story archive for benchmarks (default 100,000 stories).

Usage::

    python bench/gen_archive.py [OUT.db] [--stories N] [--seed S]

The archive goes through the real store API (``Store.add_feed`` / ``apply_parsed``), so the
schema, triggers and FTS index are exactly the application's. Content: ~200 feeds (news outlets
by section, blogs, podcasts with enclosures) in groups, some feed tags; stories over two years
before 2026-11-29 with Zipf-distributed vocabulary (function words, topical words, named
entities and a long tail of rare words), 1-3 authors, ~3% syndicated wire copies of one story in
2-3 feeds (same canonical link with utm/scheme/slash variants, near-identical titles); then user
state: ~65% read, 2% starred, 10% tagged, 1% with a note, 1% with highlights.

The same ``(stories, seed)`` always gives the same database content. Other benchmarks import
:func:`archive` to reuse a cached file (see :data:`CACHE`).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import tempfile
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from brief_tui.domain.models import Enclosure, ParsedEntry, ParsedFeed  # noqa: E402
from brief_tui.store import Store  # noqa: E402

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
CACHE = Path(os.environ.get("BRIEF_BENCH_CACHE", Path(tempfile.gettempdir()) / "brief-tui-bench"))
"""Where :func:`archive` keeps generated archives (outside the repository)."""

FUNCTION = (
    "the of and to a in that is was for on it with as he said by at from his an be have are "
    "has but not who they its after were had been this will their which more one new would "
    "also over than about up there when can into other year two could first last some people "
    "out them what percent million all time so if we could no only most while such just since "
    "under before because many week against now during between three according government "
    "company market officials told statement report monday tuesday wednesday thursday friday "
    "deal plan said billion state country group told data growth chief executive former"
).split()

TOPICS = {
    "ai": "ai model models training inference mistral anthropic openai llama gpu chips nvidia "
          "amd datacenter compute transformer benchmark startup funding agents reasoning "
          "chatbot copilot regulation safety alignment weights open-source tokens".split(),
    "energy": "energy oil gas crude opec pipeline solar wind turbines grid electricity "
              "utilities nuclear reactor battery storage emissions carbon lng refinery "
              "barrels drilling renewables hydrogen coal power prices".split(),
    "markets": "stocks shares index nasdaq dow bonds yields treasury inflation rates fed "
               "central bank earnings revenue profit quarter guidance investors traders "
               "hedge fund ipo valuation dividend currency dollar euro yen".split(),
    "politics": "election parliament senate congress vote minister president campaign "
                "coalition policy bill law court ruling sanctions diplomats summit treaty "
                "opposition party governor referendum cabinet".split(),
    "chips": "semiconductor foundry tsmc intel fab wafer lithography asml nanometer memory "
             "dram nand packaging export controls supply chain shortage capacity node "
             "processor accelerator".split(),
    "climate": "climate warming heatwave drought flooding wildfire emissions cop glacier "
               "biodiversity adaptation resilience rainfall temperature record hurricane "
               "storm sea level".split(),
    "health": "health hospital vaccine virus outbreak patients trial drug fda approval "
              "disease cancer treatment doctors nurses insurance pharmacy clinical "
              "pandemic dose".split(),
    "sports": "match league season coach players goal championship tournament final team "
              "transfer injury stadium fans win defeat cup olympics score".split(),
    "space": "rocket launch orbit satellite nasa spacex moon mars mission astronauts "
             "telescope station capsule booster lunar payload".split(),
    "security": "breach hackers ransomware vulnerability patch exploit malware phishing "
                "cyberattack encryption password zero-day botnet leak espionage".split(),
    "data center": "data center centers cooling megawatts hyperscale cloud servers racks "
                   "colocation power water campus construction capacity leasing".split(),
    "podcast": "podcast episode interview host guests listen conversation season show "
               "transcript sponsor audio".split(),
}

ENTITIES = (
    "Microsoft Google Alphabet Amazon Apple Meta Nvidia AMD Intel TSMC Samsung Mistral "
    "Anthropic OpenAI Tesla Exxon Chevron Shell BP Aramco OPEC Reuters Boeing Airbus Pfizer "
    "Moderna Beijing Washington Brussels London Paris Berlin Tokyo Delhi Moscow Kyiv Texas "
    "California Frankfurt Singapore Dubai Lagos Brazil Canada Mexico Korea Taiwan Japan "
    "Germany France Britain China India Europe Africa"
).split()

FIRST = ("James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William "
         "Susan Richard Jessica Joseph Sarah Thomas Karen Wei Aiko Priya Omar Lucia Ivan "
         "Chen Fatima Diego Anna").split()
LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
        "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson "
        "White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
        "Nguyen Kim Patel Tanaka Müller Dubois Rossi Kowalski").split()

OUTLETS = [
    ("Reuters", "reuters.com", ["World", "Business", "Technology", "Markets", "Energy"]),
    ("AP News", "apnews.com", ["Top", "Politics", "Science", "Sports"]),
    ("Bloomberg", "bloomberg.com", ["Technology", "Markets", "Energy", "Politics"]),
    ("Financial Times", "ft.com", ["World", "Companies", "Markets", "Tech"]),
    ("BBC News", "bbc.co.uk", ["World", "Business", "Science", "Health", "Sport"]),
    ("The Verge", "theverge.com", ["All", "AI", "Tech"]),
    ("Ars Technica", "arstechnica.com", ["All", "Science", "Security", "Space"]),
    ("TechCrunch", "techcrunch.com", ["Startups", "AI", "Venture"]),
    ("Wired", "wired.com", ["Business", "Security", "Science"]),
    ("The Guardian", "theguardian.com", ["World", "Environment", "Business", "Sport"]),
    ("Nikkei Asia", "asia.nikkei.com", ["Business", "Tech", "Politics"]),
    ("Le Monde", "lemonde.fr", ["International", "Economie"]),
    ("Der Spiegel", "spiegel.de", ["International", "Wirtschaft"]),
    ("Politico", "politico.com", ["Congress", "Energy", "Tech"]),
    ("Axios", "axios.com", ["Top", "Tech", "Markets", "Energy"]),
    ("CNBC", "cnbc.com", ["Top", "Tech", "Markets"]),
    ("Semafor", "semafor.com", ["Tech", "Energy", "Africa"]),
    ("Rest of World", "restofworld.org", ["All"]),
    ("SpaceNews", "spacenews.com", ["All"]),
    ("STAT", "statnews.com", ["Health", "Biotech"]),
    ("ESPN", "espn.com", ["Top", "Football", "Basketball"]),
    ("Carbon Brief", "carbonbrief.org", ["All"]),
    ("SemiAnalysis", "semianalysis.com", ["All"]),
    ("Data Center Dynamics", "datacenterdynamics.com", ["News", "Power", "Cooling"]),
]
SECTION_TOPICS = {
    "technology": ["ai", "chips", "security"], "tech": ["ai", "chips", "security"],
    "ai": ["ai", "data center"], "markets": ["markets"], "energy": ["energy", "climate"],
    "business": ["markets", "energy", "ai"], "companies": ["markets", "chips"],
    "politics": ["politics"], "congress": ["politics"], "world": ["politics", "climate"],
    "science": ["space", "health", "climate"], "health": ["health"], "biotech": ["health"],
    "sport": ["sports"], "sports": ["sports"], "football": ["sports"], "basketball": ["sports"],
    "security": ["security"], "space": ["space"], "environment": ["climate", "energy"],
    "startups": ["ai", "markets"], "venture": ["ai", "markets"], "power": ["data center"],
    "cooling": ["data center"], "news": ["data center", "energy"],
}
GROUPS = {"Reuters": "Wires", "AP News": "Wires", "Bloomberg": "Finance",
          "Financial Times": "Finance", "CNBC": "Finance", "ESPN": "Sport"}
PODCASTS = ["Hard Fork", "Odd Lots", "Decoder", "Acquired", "The Daily", "Planet Money",
            "Lex Fridman Podcast", "Dwarkesh Podcast", "Energy Gang", "Risky Business"]
USER_TAGS = ["ai", "energy", "policy", "chips", "follow-up", "client-a", "client-b", "sports",
             "markets", "to-read", "weekly-brief", "climate"]
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + ["tion", "ment", "ing",
                                                                       "er", "al", "ic", "ous"]


class Vocabulary:
    """Zipf-weighted samplers for each word class."""

    def __init__(self, rng: random.Random, tail: int = 25_000) -> None:
        words: set[str] = set(FUNCTION)
        self.tail: list[str] = []
        while len(self.tail) < tail:
            w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            if w not in words:
                words.add(w)
                self.tail.append(w)
        self.tail_cum = list(itertools.accumulate(1.0 / (i + 1) ** 1.05 for i in range(tail)))
        func_cum = list(itertools.accumulate(1.0 / (i + 1) ** 0.7
                                             for i in range(len(FUNCTION))))
        # A stream of background words (55% function words, 45% long tail) that sentences
        # are cut from: Zipf overall, cheap per sentence.
        size = 2_000_000
        func = rng.choices(FUNCTION, cum_weights=func_cum, k=size)
        self.rare = rng.choices(self.tail, cum_weights=self.tail_cum, k=size)
        self.pool = [f if rng.random() < 0.55 else r for f, r in zip(func, self.rare)]

    def sentence(self, rng: random.Random, topics: list[str]) -> str:
        n = rng.randint(8, 24)
        start = rng.randrange(len(self.pool) - n)
        out = self.pool[start:start + n]
        topic_words = [w for t in topics for w in TOPICS[t]]
        if rng.random() < 0.3:
            out[rng.randrange(n)] = rng.choice(topic_words)
        if rng.random() < 0.15:
            out[rng.randrange(n)] = rng.choice(ENTITIES)
        out[0] = out[0][:1].upper() + out[0][1:]
        return " ".join(out) + rng.choice(".....?!")

    def title(self, rng: random.Random, topics: list[str]) -> str:
        topic_words = [w for t in topics for w in TOPICS[t]]
        words = [rng.choice(ENTITIES)] + [
            rng.choice(topic_words) if rng.random() < 0.5 else
            self.rare[rng.randrange(len(self.rare))]
            for _ in range(rng.randint(4, 10))]
        if rng.random() < 0.3:
            words.insert(rng.randint(1, len(words)), rng.choice(["says", "plans", "warns",
                                                                 "to", "after", "as"]))
        text = " ".join(words)
        return text[:1].upper() + text[1:]


def _feeds(rng: random.Random) -> list[dict]:
    feeds = []
    for outlet, host, sections in OUTLETS:
        for sec in sections:
            topics = SECTION_TOPICS.get(sec.lower(), ["politics", "markets"])
            feeds.append({"url": f"https://www.{host}/rss/{sec.lower()}.xml",
                          "title": f"{outlet} {sec}", "host": host, "topics": topics,
                          "group": GROUPS.get(outlet, "News"), "podcast": False,
                          "tags": ["sports"] if "sports" in topics else []})
    for name in PODCASTS:
        slug = name.lower().replace(" ", "-")
        feeds.append({"url": f"https://feeds.example.net/{slug}.xml", "title": name,
                      "host": "feeds.example.net", "topics": ["podcast", rng.choice(
                          ["ai", "markets", "energy", "politics"])],
                      "group": "Podcasts", "podcast": True, "tags": ["audio"]})
    i = 0
    while len(feeds) < 200:
        i += 1
        topics = rng.sample(sorted(TOPICS), 2)
        feeds.append({"url": f"https://blog{i}.example.org/feed.atom",
                      "title": f"{rng.choice(LAST)}'s {topics[0].title()} Notes",
                      "host": f"blog{i}.example.org", "topics": topics, "group": "Blogs",
                      "podcast": False, "tags": ["ai"] if "ai" in topics else []})
    return feeds


def _link_variant(rng: random.Random, link: str) -> str:
    choice = rng.randrange(4)
    if choice == 0:
        return link + "?utm_source=rss&utm_medium=feed"
    if choice == 1:
        return link.replace("https://", "http://").replace("www.", "WWW.")
    if choice == 2:
        return link + "/"
    return link


def _title_variant(rng: random.Random, title: str) -> str:
    choice = rng.randrange(4)
    if choice == 0:
        return title + " - report"
    if choice == 1:
        return "UPDATE 1-" + title
    if choice == 2:
        return title.replace(" to ", " will ", 1)
    return title


def generate(path: Path, stories: int = 100_000, seed: int = 7, *, quiet: bool = False) -> Path:
    """Write a new archive at ``path`` (replacing it) and return ``path``."""
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    feeds = _feeds(rng)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = Store(path)
    t0 = time.perf_counter()
    feed_ids = []
    for f in feeds:
        feed, _ = store.add_feed(f["url"], now=NOW, title=f["title"], group=f["group"])
        if f["tags"]:
            store.set_feed_tags(feed.id, f["tags"], [])
        feed_ids.append(feed.id)
    span = 730 * 86400
    entries: dict[int, list[ParsedEntry]] = {i: [] for i in range(len(feeds))}
    made = 0
    serial = 0
    while made < stories:
        fi = rng.randrange(len(feeds))
        f = feeds[fi]
        topics = list(f["topics"])
        if rng.random() < 0.3:
            topics.append(rng.choice(sorted(TOPICS)))
        age = span * (rng.random() ** 1.6)  # denser recently
        published = NOW - timedelta(seconds=age)
        serial += 1
        title = vocab.title(rng, topics)
        paragraphs = ["\n".join([" ".join(vocab.sentence(rng, topics)
                                          for _ in range(rng.randint(2, 4)))])
                      for _ in range(rng.randint(2, 6))]
        text = "\n\n".join(paragraphs)
        link = f"https://www.{f['host']}/{published:%Y/%m/%d}/story-{serial}"
        authors = tuple(f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                        for _ in range(rng.choice((1, 1, 1, 2, 3))))
        enclosures = (Enclosure(f"https://cdn.example.net/ep{serial}.mp3", "audio/mpeg",
                                rng.randint(10**6, 10**8)),) if f["podcast"] else ()
        copies = [(fi, link, title, published)]
        if rng.random() < 0.03:  # syndicated wire story in other feeds
            for _ in range(rng.choice((1, 1, 2))):
                other = rng.randrange(len(feeds))
                if other != fi:
                    copies.append((other, _link_variant(rng, link), _title_variant(rng, title),
                                   published + timedelta(minutes=rng.randint(1, 600))))
        for ci, (fx, lk, tt, pub) in enumerate(copies):
            key = f"s{serial}-{ci}"
            entries[fx].append(ParsedEntry(
                key=key, guid=key, title=tt, display_title=tt, link=lk, published=pub,
                authors=authors, enclosures=enclosures, summary=paragraphs[0][:300],
                text=text))
            made += 1
    _ingest_over_time(store, rng, feeds, feed_ids, entries)
    if not quiet:
        print(f"stories stored in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    _user_state(store, rng)
    with store.db.write() as tx:
        tx.execute("INSERT INTO meta(key, value) VALUES ('bench-archive', ?)",
                   (f"{stories}:{seed}",))
    store.close()
    if not quiet:
        print(f"archive {path} ready in {time.perf_counter() - t0:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)", file=sys.stderr)
    return path


def _ingest_over_time(store: Store, rng: random.Random, feeds: list[dict], feed_ids: list[int],
                      entries: dict[int, list[ParsedEntry]]) -> None:
    """Store entries the way refreshes would have: in 10-day ticks, oldest first (so ids follow
    dates), except that one feed in 20 is subscribed late and backfills its history at once."""
    tick = timedelta(days=10)
    start = NOW - timedelta(days=731)
    late = {fi: NOW - timedelta(days=rng.randint(30, 400)) for fi in range(5, len(feeds), 20)}
    batches: dict[tuple[datetime, int], list[ParsedEntry]] = {}
    for fi, items in entries.items():
        for e in items:
            seen = max(e.published, late.get(fi, start))
            when = start + tick * ((seen - start) // tick + 1)
            batches.setdefault((min(when, NOW), fi), []).append(e)
    for (when, fi), batch in sorted(batches.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        batch.sort(key=lambda e: e.published)
        store.apply_parsed(feed_ids[fi], ParsedFeed(format="rss20", title=feeds[fi]["title"],
                                                    entries=batch), now=when, http_status=200)


def _user_state(store: Store, rng: random.Random) -> None:
    with store.db.write() as tx:
        rows = tx.execute("SELECT id, sort_date, text FROM stories ORDER BY id").fetchall()
        cutoff = NOW.timestamp() - 5 * 86400
        read = [(r[0],) for r in rows if r[1] < cutoff and rng.random() < 0.8
                or r[1] >= cutoff and rng.random() < 0.2]
        tx.executemany("UPDATE stories SET read = 1 WHERE id = ?", read)
        tx.executemany("UPDATE stories SET starred = 1 WHERE id = ?",
                       [(r[0],) for r in rows if rng.random() < 0.02])
        tagged = []
        for r in rows:
            if rng.random() < 0.10:
                for tag in rng.sample(USER_TAGS, rng.choice((1, 1, 2))):
                    tagged.append((r[0], tag))
        tx.executemany("INSERT OR IGNORE INTO story_tags(story_id, tag) VALUES (?, ?)", tagged)
        tx.execute("UPDATE stories SET tags_text = coalesce((SELECT group_concat(tag, ' ') FROM "
                   "(SELECT tag FROM story_tags WHERE story_id = stories.id ORDER BY tag)), '') "
                   "WHERE id IN (SELECT story_id FROM story_tags)")
        notes = ["check against the ministry figures", "client A will ask about this",
                 "follow up with the energy desk", "good chart for the weekly brief",
                 "contradicts last week's report", "source for the mistral funding number"]
        for r in rows:
            if rng.random() < 0.01:
                tx.execute("UPDATE stories SET note = ? WHERE id = ?", (rng.choice(notes), r[0]))
            if rng.random() < 0.01 and len(r[2]) > 80:
                start = rng.randrange(0, len(r[2]) - 60)
                tx.execute('INSERT INTO highlights(story_id, text, start, "end", note, created) '
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           (r[0], r[2][start:start + 60], start, start + 60,
                            rng.choice(notes) if rng.random() < 0.5 else None, NOW.timestamp()))
        tx.execute(
            "UPDATE stories SET notes_text = trim(coalesce(note, '') || ' ' || coalesce(("
            "SELECT group_concat(coalesce(h.note, ''), ' ') FROM highlights h "
            "WHERE h.story_id = stories.id), '')) "
            "WHERE note IS NOT NULL OR id IN (SELECT story_id FROM highlights)")


def archive(stories: int = 100_000, seed: int = 7) -> Path:
    """The cached archive for ``(stories, seed)``, generated on first use."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"archive-{stories}-{seed}.db"
    if path.exists():
        store = Store(path)
        try:
            if store.get_meta("bench-archive") == f"{stories}:{seed}":
                return path
        finally:
            store.close()
    return generate(path, stories, seed)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", type=Path, help="output file (default: cached archive)")
    ap.add_argument("--stories", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.out:
        generate(args.out, args.stories, args.seed)
    else:
        print(archive(args.stories, args.seed))


if __name__ == "__main__":
    main()
