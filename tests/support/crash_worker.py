"""A child process for the SIGKILL tests: performs user changes in a loop through the service
and prints ``ACK <op> <story> <value>`` after each change returns (i.e. was committed — what the
reader would acknowledge on screen). The parent kills it at a random moment and checks the
database.

Usage: python -m tests.support.crash_worker DATA_DIR MODE SEED
MODE is one of tag, note, star, highlight, refresh, export.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path


def feed_document(n: int) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><guid>g{i}</guid><link>https://example.com/{i}</link>"
        f"<description>Body of story {i} about grid batteries and {n} more words.</description>"
        f"</item>" for i in range(n))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Crash feed</title>'
            f"<link>https://example.com/</link>{items}</channel></rss>").encode()


def main() -> None:
    data_dir, mode, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    from brief_tui.service import Service

    rng = random.Random(seed)
    svc = Service.open(data_dir)
    feed_file = Path(data_dir) / "crash-feed.xml"
    if not feed_file.exists():
        feed_file.write_bytes(feed_document(20))
    url = feed_file.resolve().as_uri()
    if svc.store.feed(url) is None:
        svc.import_path(feed_file)
    ids = svc.story_ids()
    print("READY", flush=True)
    n = seed * 100000
    while True:
        n += 1
        sid = rng.choice(ids)
        if mode == "tag":
            svc.tag([sid], [f"t{n}"])
            print(f"ACK tag {sid} t{n}", flush=True)
        elif mode == "note":
            svc.set_note(sid, f"note {n}")
            print(f"ACK note {sid} {n}", flush=True)
        elif mode == "star":
            on = bool(n % 2)
            svc.star([sid], on)
            print(f"ACK star {sid} {int(on)}", flush=True)
        elif mode == "highlight":
            story = svc.story(sid)
            start = rng.randrange(0, max(1, len(story.text) - 5))
            if any(h.start == start for h in svc.user_highlights(sid)):
                continue  # toggling would remove it: only additions are checked here
            hl = svc.toggle_highlight(sid, start, start + 5)
            svc.set_highlight_note(hl.id, f"hl {n}")
            print(f"ACK highlight {sid} {hl.id}", flush=True)
        elif mode == "refresh":
            count = 20 + (n % 50)
            feed_file.write_bytes(feed_document(count))
            svc.refresh([url])
            print(f"ACK refresh 0 {count}", flush=True)
            ids = svc.story_ids()
        elif mode == "export":
            from brief_tui.export import ExportSelection

            svc.tag([sid], [f"x{n}"])
            out = Path(data_dir) / "exports" / f"e{n % 3}.md"
            [path] = svc.export(ExportSelection.of_ids([sid]), out=out, force=True)
            print(f"ACK export {sid} {path}", flush=True)


if __name__ == "__main__":
    main()
