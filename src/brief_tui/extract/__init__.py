"""Highlight extraction: pure, offline, deterministic functions over a story's plain text.

Public API:

- :data:`EXTRACTOR_VERSION` — bumped whenever the output for some input changes; the store
  recomputes stored highlights when it differs from the version they were made with.
- :func:`sentence_spans`, :func:`paragraph_spans` — character spans for moving by sentence or
  paragraph in the reader.
- :func:`extract_highlights` — key sentences, figures, organisations, people, places and
  keywords as :class:`~brief_tui.domain.models.Highlight` objects.

No model is downloaded: sentences come from nupunkt, keywords from yake-rust, names and figures
from the heuristics in :mod:`.names` and :mod:`.figures`.
"""

from __future__ import annotations

from brief_tui.extract.highlights import extract_highlights
from brief_tui.extract.spans import paragraph_spans, sentence_spans

EXTRACTOR_VERSION: int = 1
"""Version of the extractor's output; bump on any change to what it returns."""

__all__ = ["EXTRACTOR_VERSION", "extract_highlights", "paragraph_spans", "sentence_spans"]
