"""The one API that the command line and the TUI both call.

:class:`Service` wires fetch -> parse -> extract -> store over the domain types; neither face
re-implements a step or reaches past it into SQL or HTTP. Blocking methods are meant for worker
threads (the TUI) or the command line; :meth:`Service.refresh` runs its own asyncio loop.

The class is assembled from one module per concern:

- :mod:`~brief_tui.service.core` — opening the cache, subscribing, importing, refreshing;
- :mod:`~brief_tui.service.reading` — stories, the user's state on them, views, app state;
- :mod:`~brief_tui.service.annotating` — extracted and the analyst's highlights, notes;
- :mod:`~brief_tui.service.organising` — search, saved searches, tags, rules, clusters;
- :mod:`~brief_tui.service.exporting` — Markdown export.
"""

from __future__ import annotations

from brief_tui.pipeline import RefreshResult
from brief_tui.service.annotating import AnnotatingMixin
from brief_tui.service.core import AddResult, ImportResult, ServiceCore, View
from brief_tui.service.exporting import ExportingMixin
from brief_tui.service.organising import OrganisingMixin
from brief_tui.service.reading import ReadingMixin


class Service(ReadingMixin, AnnotatingMixin, OrganisingMixin, ExportingMixin, ServiceCore):
    """The reader's engine (see the module docstring for where each method lives).

    Args:
        store: the cache. config: the configuration.
        clock: returns the current UTC time (tests inject a fake clock).
        transport: an ``httpx`` transport for tests, passed to the fetcher.
    """


__all__ = ["AddResult", "ImportResult", "RefreshResult", "Service", "View"]
