"""Render ``screenshots/*.svg`` from the real reader on the bundled sample content.

Usage::

    python scripts/screenshots.py [--out screenshots]

A fresh data directory is seeded with the bundled content (as on a first start), plus one
local feed whose file is then deleted so that its refresh fails: the feed pane shows the
failure while its stories stay. Each shot drives the app with ``run_test`` (no terminal
needed) and saves an SVG: the three-pane reader, search results, the help screen, the tag
dialog, the failing feed, the 80x24 layout, the highlights pane, reading mode (a sentence
cursor and a highlight) and the export dialog.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FIELD_NOTES = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Field notes</title>
<link>https://example.org/field</link><description>Notes kept in a local file</description>
<item><title>Site visit: the new port terminal</title><guid>fn-1</guid>
<pubDate>Mon, 16 Nov 2026 09:00:00 +0000</pubDate>
<description>Cranes are in place; the rail link opens in spring.</description></item>
<item><title>Interview notes, logistics desk</title><guid>fn-2</guid>
<pubDate>Fri, 13 Nov 2026 15:30:00 +0000</pubDate>
<description>Lead times are shorter than in the summer.</description></item>
</channel></rss>
"""

WIDE = (120, 36)
SMALL = (80, 24)


async def settle(pilot) -> None:
    """Wait for workers (pending ones too) and queued writes."""
    from textual.worker import WorkerCancelled, WorkerFailed, WorkerState

    app = pilot.app
    for _ in range(60):
        await pilot.pause()
        workers = [w for w in app.workers if w.state in (WorkerState.PENDING,
                                                          WorkerState.RUNNING)]
        writer = getattr(app.screen_stack[0], "writer", None)
        if writer is not None and not writer.idle:
            writer.wait(2.0)
            continue
        if not workers:
            break
        started = [w for w in workers if w.state == WorkerState.RUNNING]
        for worker in started:
            try:
                await worker.wait()
            except (WorkerCancelled, WorkerFailed):
                pass
    await pilot.pause()


def prepare(data: Path):
    """Seed the bundled content and add the failing local feed; returns the service."""
    from brief_tui.service import Service

    service = Service.open(data, data / "config.toml")
    service.seed_bundled()
    notes = data / "field-notes.xml"
    notes.write_text(FIELD_NOTES, "utf-8")
    service.import_path(notes)
    url = notes.resolve().as_uri()
    notes.unlink()
    service.refresh([url])
    return service


def richest_story(service) -> int:
    """The newest story among the first 40 whose highlights have the most kinds."""
    rows = service.story_rows(limit=40)
    return max(rows, key=lambda r: (len({h.kind for h in service.highlights(r.id)}),
                                    -rows.index(r))).id


def search_word(service) -> str:
    """A word of the newest story's title to search for."""
    rows = service.story_rows(limit=1)
    words = re.findall(r"[A-Za-z]{5,}", rows[0].display_title if rows else "")
    return words[0].lower() if words else "market"


async def shoot(service, name: str, size, steps, out: Path) -> None:
    """Run the app over ``service``, apply ``steps(pilot)``, save ``out/name.svg``."""
    from brief_tui.tui.app import BriefApp

    app = BriefApp(service)
    app.cursor_blink = False
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await steps(pilot)
        await settle(pilot)
        svg = app.export_screenshot(title=f"brief-tui — {name}")
    (out / f"{name}.svg").write_text(svg, "utf-8")
    print(out / f"{name}.svg")


def main(out: Path) -> None:
    """Prepare the data (blocking service calls), then take the shots on one event loop."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        service = prepare(Path(tmp))
        try:
            asyncio.run(take(service, out))
        finally:
            service.close()


async def take(service, out: Path) -> None:
    """Every shot, one after another, on the same service."""
    word = search_word(service)
    failing = next(f for f in service.feeds() if f.failed)
    rich = richest_story(service)

    async def keys(pilot, *pressed):
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    async def reader(pilot):
        await keys(pilot, "j", "enter")

    async def search(pilot):
        await keys(pilot, "slash", *word)
        await pilot.pause(0.4)  # the search box searches once typing pauses
        await settle(pilot)
        await keys(pilot, "enter")

    async def help_screen(pilot):
        await keys(pilot, "question_mark")

    async def tag(pilot):
        await keys(pilot, "enter", "t", *"briefing -dra")

    async def failed(pilot):
        from brief_tui.tui.widgets.feed_list import FeedList

        feeds = pilot.app.query_one(FeedList)
        feeds.focus()
        feeds.move_to(feeds.index_of(f"feed:{failing.id}"))
        await settle(pilot)

    async def open_rich(pilot):
        from brief_tui.tui.widgets.story_list import StoryList

        stories = pilot.app.query_one(StoryList)
        stories.move_to(stories.index_of(rich))
        await settle(pilot)
        await keys(pilot, "enter")

    async def highlights(pilot):
        await open_rich(pilot)
        await keys(pilot, "tab", "tab", "j", "j")

    async def reading(pilot):
        await open_rich(pilot)
        await keys(pilot, "v", "right_square_bracket", "h", "right_square_bracket")

    async def export(pilot):
        await open_rich(pilot)
        await keys(pilot, "e")

    shots = [("reader", WIDE, reader), ("search", WIDE, search),
             ("help", WIDE, help_screen), ("tag-dialog", WIDE, tag),
             ("failing-feed", WIDE, failed), ("small-80x24", SMALL, reader),
             ("highlights", WIDE, highlights), ("reading-mode", WIDE, reading),
             ("export-dialog", WIDE, export)]
    for name, size, steps in shots:
        service.set_state("view", "view:all")
        service.set_state("story", "")
        service.set_state("reading", "0")
        await shoot(service, name, size, steps, out)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    main(parser.parse_args().out)
