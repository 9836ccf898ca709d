"""The stable JSON shapes of ``--json`` output (documented in the README).

Pure functions from domain objects to plain dicts; the command line prints them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from brief_tui.domain.models import Feed, Story


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z`` suffix, seconds precision, or ``None``."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def feed_json(feed: Feed) -> dict:
    """A feed: ``url, title, home_page, icon, favicon, language, group, tags, kind, format,
    story_count, unread_count, last_status, http_status, error_category, error, last_checked,
    last_success, retry_after``."""
    return {
        "url": feed.url, "title": feed.title, "home_page": feed.home_page, "icon": feed.icon,
        "favicon": feed.favicon, "language": feed.language, "group": feed.group,
        "tags": list(feed.tags), "kind": feed.kind, "format": feed.format,
        "story_count": feed.story_count, "unread_count": feed.unread_count,
        "last_status": feed.last_status, "http_status": feed.http_status,
        "error_category": feed.error_category, "error": feed.error,
        "last_checked": iso(feed.last_checked), "last_success": iso(feed.last_success),
        "retry_after": iso(feed.retry_after),
    }


def story_json(story: Story) -> dict:
    """A story: ``id, feed_url, feed_title, guid, number, title, display_title, link, published,
    updated, date_estimated, authors, enclosures, language, summary, text, markdown,
    fulltext_status, read, starred, tags, note``.

    ``guid`` is the document's id, or the synthetic stable id when it gave none; ``text`` is
    plain text; ``markdown`` is the full article when one was fetched, else the feed's content.
    """
    return {
        "id": story.id, "feed_url": story.feed_url, "feed_title": story.feed_title,
        "guid": story.guid if story.guid is not None else story.key, "number": story.number,
        "title": story.title, "display_title": story.display_title, "link": story.link,
        "published": iso(story.published), "updated": iso(story.updated),
        "date_estimated": story.date_estimated, "authors": list(story.authors),
        "enclosures": [e.as_dict() for e in story.enclosures], "language": story.language,
        "summary": story.summary, "text": story.text,
        "markdown": story.fulltext_markdown if story.fulltext_status == "ok" else story.markdown,
        "fulltext_status": story.fulltext_status, "read": story.read, "starred": story.starred,
        "tags": list(story.tags), "note": story.note,
    }
