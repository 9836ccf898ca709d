"""Numbered schema migrations of the cache database.

Each migration is a list of SQL statements applied in one transaction; ``PRAGMA user_version``
holds the number of the last one applied. Never edit a released migration: append a new one.

Full-text search uses an FTS5 table with external content (``content='stories'``), so the text is
stored once; triggers on ``stories`` keep it in sync, and only fire when an indexed column
changes (read/starred flips never touch the index). Tags, author names and notes (the story's
note plus the analyst's highlights and their notes) are denormalised into ``stories`` columns so
the index can read them.
"""

from __future__ import annotations

FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"

MIGRATIONS: list[list[str]] = [
    # 1: feeds, stories, tags, user highlights, extracted highlights, saved searches, FTS.
    [
        """CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        """CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL DEFAULT 'feed',
            title TEXT NOT NULL DEFAULT '',
            home_page TEXT,
            icon TEXT,
            favicon TEXT,
            language TEXT,
            description TEXT NOT NULL DEFAULT '',
            format TEXT,
            grp TEXT,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            last_status TEXT,
            http_status INTEGER,
            error_category TEXT,
            error TEXT,
            last_checked REAL,
            last_success REAL,
            retry_after REAL,
            failures INTEGER NOT NULL DEFAULT 0,
            fulltext_on_refresh INTEGER NOT NULL DEFAULT 0,
            added REAL NOT NULL,
            position INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE feed_tags (
            feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (feed_id, tag)
        ) WITHOUT ROWID""",
        "CREATE INDEX feed_tags_tag ON feed_tags(tag)",
        """CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            guid TEXT,
            number INTEGER,
            title TEXT NOT NULL DEFAULT '',
            display_title TEXT NOT NULL DEFAULT '',
            link TEXT,
            published REAL,
            updated REAL,
            date_estimated INTEGER NOT NULL DEFAULT 0,
            sort_date REAL NOT NULL,
            first_seen REAL NOT NULL,
            changed REAL,
            authors TEXT NOT NULL DEFAULT '[]',
            author_names TEXT NOT NULL DEFAULT '',
            enclosures TEXT NOT NULL DEFAULT '[]',
            language TEXT,
            summary TEXT NOT NULL DEFAULT '',
            html TEXT,
            text TEXT NOT NULL DEFAULT '',
            markdown TEXT,
            content_hash TEXT NOT NULL,
            fulltext_status TEXT,
            fulltext_markdown TEXT,
            fulltext_text TEXT,
            read INTEGER NOT NULL DEFAULT 0,
            starred INTEGER NOT NULL DEFAULT 0,
            note TEXT,
            tags_text TEXT NOT NULL DEFAULT '',
            notes_text TEXT NOT NULL DEFAULT '',
            cluster_id INTEGER,
            UNIQUE (feed_id, key)
        )""",
        "CREATE INDEX stories_sort ON stories(sort_date DESC, id DESC)",
        "CREATE INDEX stories_feed_sort ON stories(feed_id, sort_date DESC, id DESC)",
        "CREATE INDEX stories_unread ON stories(sort_date DESC, id DESC) WHERE read = 0",
        "CREATE INDEX stories_starred ON stories(sort_date DESC, id DESC) WHERE starred = 1",
        "CREATE INDEX stories_link ON stories(link)",
        "CREATE INDEX stories_cluster ON stories(cluster_id) WHERE cluster_id IS NOT NULL",
        """CREATE TABLE story_tags (
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (story_id, tag)
        ) WITHOUT ROWID""",
        "CREATE INDEX story_tags_tag ON story_tags(tag, story_id)",
        """CREATE TABLE highlights (
            id INTEGER PRIMARY KEY,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            note TEXT,
            lost INTEGER NOT NULL DEFAULT 0,
            created REAL NOT NULL
        )""",
        "CREATE INDEX highlights_story ON highlights(story_id)",
        """CREATE TABLE extracted (
            story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
            content_hash TEXT NOT NULL,
            version INTEGER NOT NULL,
            data TEXT NOT NULL
        )""",
        """CREATE TABLE saved_searches (
            name TEXT PRIMARY KEY,
            query TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE tag_rules (
            id INTEGER PRIMARY KEY,
            query TEXT NOT NULL,
            tags TEXT NOT NULL
        )""",
        f"""CREATE VIRTUAL TABLE stories_fts USING fts5(
            title, text, author_names, tags_text, notes_text,
            content='stories', content_rowid='id',
            tokenize='{FTS_TOKENIZER}'
        )""",
        """CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
            INSERT INTO stories_fts(rowid, title, text, author_names, tags_text, notes_text)
            VALUES (new.id, new.title, new.text, new.author_names, new.tags_text, new.notes_text);
        END""",
        """CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
            INSERT INTO stories_fts(stories_fts, rowid, title, text, author_names, tags_text,
                                    notes_text)
            VALUES ('delete', old.id, old.title, old.text, old.author_names, old.tags_text,
                    old.notes_text);
        END""",
        """CREATE TRIGGER stories_fts_update
        AFTER UPDATE OF title, text, author_names, tags_text, notes_text ON stories BEGIN
            INSERT INTO stories_fts(stories_fts, rowid, title, text, author_names, tags_text,
                                    notes_text)
            VALUES ('delete', old.id, old.title, old.text, old.author_names, old.tags_text,
                    old.notes_text);
            INSERT INTO stories_fts(rowid, title, text, author_names, tags_text, notes_text)
            VALUES (new.id, new.title, new.text, new.author_names, new.tags_text, new.notes_text);
        END""",
    ],
    # 2: search and organise. Covering indexes so that date-ordered walks, per-feed lists and
    # full-text-driven lookups never read the wide story rows (they replace the sort and the
    # partial unread/starred indexes of migration 1, which also misled the planner into row
    # reads); partial indexes for has:enclosure/fulltext/note; blocking keys for same-story
    # clusters.
    [
        "DROP INDEX stories_sort",
        "DROP INDEX stories_feed_sort",
        "DROP INDEX stories_unread",
        "DROP INDEX stories_starred",
        "CREATE INDEX stories_list ON stories(sort_date DESC, id DESC, feed_id, read, starred, "
        "cluster_id)",
        "CREATE INDEX stories_feed_list ON stories(feed_id, sort_date DESC, id DESC, read, "
        "starred, cluster_id)",
        "CREATE INDEX stories_byid ON stories(id, sort_date, feed_id, read, starred, cluster_id)",
        "CREATE INDEX stories_enclosure ON stories(id) WHERE enclosures != '[]'",
        "CREATE INDEX stories_fulltext ON stories(id) WHERE fulltext_status = 'ok'",
        "CREATE INDEX stories_noted ON stories(id) WHERE notes_text != ''",
        """CREATE TABLE cluster_keys (
            key TEXT NOT NULL,
            sort_date REAL NOT NULL,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            feed_id INTEGER NOT NULL,
            PRIMARY KEY (key, sort_date, story_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX cluster_keys_story ON cluster_keys(story_id)",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)
