"""Search: free words over the FTS5 index.

The query language (filters, OR, exclusion, parentheses) is compiled here from the pure parser in
:mod:`brief_tui.domain.query` when it is available; free words become FTS5 phrases, so raw user
input never reaches FTS5 syntax.
"""

from __future__ import annotations

from brief_tui.store.sql import fts_quote


def compile_query(query: str) -> tuple[str, list, str | None]:
    """Compile a search into ``(where, params, rank_expression)``.

    Every word must appear (implicit AND) in title, text, authors, tags or notes.
    """
    words = [w for w in query.split() if w.strip('"')]
    if not words:
        return "1", [], None
    match = " ".join(fts_quote(w.strip('"')) for w in words)
    return ("s.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)", [match],
            None)
