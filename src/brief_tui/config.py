"""Configuration: a TOML file read with :mod:`tomllib` into typed dataclasses.

Every key is optional; a missing file gives the defaults. A key with the wrong type or an
unknown key raises :class:`~brief_tui.domain.errors.ConfigError` naming the file and the key
(``config.toml: fetch.concurrency: expected an integer, got "lots"``).

Example::

    [fetch]
    concurrency = 16          # requests in flight in all
    per_host = 4              # requests in flight per host
    connect_timeout = 10.0    # seconds
    read_timeout = 20.0       # seconds between bytes
    deadline = 30.0           # seconds for one whole feed
    max_body_bytes = 20971520 # decompressed bytes per response
    max_redirects = 10

    [store]
    max_stories_per_feed = 0  # 0 keeps every story

    [reader]
    theme = "brief-dark"
    mark_read_delay = 1.0     # seconds a story is open before it is marked read

    [keys]
    star = "s,S"              # action id -> comma-separated keys

    [export]
    directory = "~/notes/briefings"

    [[feeds]]
    url = "https://example.com/feed.xml"
    fulltext = true           # fetch full text on refresh

    [searches]
    "AI money" = 'tag:ai "raised" after:7d'

    [[rules]]
    query = "mistral OR anthropic"
    tags = ["ai-labs"]
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from brief_tui.domain.errors import ConfigError

MIB = 1024 * 1024


@dataclass(slots=True)
class FetchConfig:
    """HTTP limits. Times are seconds, sizes bytes."""

    concurrency: int = 16
    """Requests in flight across all hosts."""
    per_host: int = 4
    """Requests in flight to one host."""
    connect_timeout: float = 10.0
    """Seconds to open a connection (TCP and TLS)."""
    read_timeout: float = 20.0
    """Seconds to wait for the next bytes of a response."""
    deadline: float = 30.0
    """Seconds allowed for one feed from the first request to the last byte (all redirects)."""
    max_body_bytes: int = 20 * MIB
    """Cap on the decompressed body; a larger response fails as ``too_large``."""
    max_redirects: int = 10
    """Redirect hops followed before ``too many redirects``."""
    user_agent: str = ""
    """User-Agent header; empty means ``brief-tui/<version>``."""


@dataclass(slots=True)
class StoreConfig:
    """Cache limits."""

    max_stories_per_feed: int = 0
    """Oldest unstarred, untagged, unnoted stories beyond this count are pruned; 0 keeps all."""


@dataclass(slots=True)
class ReaderConfig:
    """The TUI."""

    theme: str = "brief-dark"
    """Theme name: one from ``themes/`` or a Textual built-in."""
    mark_read_delay: float = 1.0
    """Seconds a story stays open before it is marked read; negative never marks."""
    cluster_mark_read: bool = True
    """Reading one story of a same-story cluster marks the whole cluster read."""


@dataclass(slots=True)
class ExportConfig:
    """Markdown export."""

    directory: str = ""
    """Default export directory; empty means ``~/Documents/brief-tui``."""
    template: str = "default"
    """Template name: ``default`` or a ``.md.j2`` file in ``<config dir>/templates``."""


@dataclass(slots=True)
class FeedConfig:
    """Per-feed settings, matched by URL."""

    url: str = ""
    fulltext: bool = False
    """Fetch the full article of each new story on refresh."""


@dataclass(slots=True)
class RuleConfig:
    """A tag rule: stories arriving that match ``query`` get ``tags``."""

    query: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Config:
    """The whole configuration."""

    fetch: FetchConfig = field(default_factory=FetchConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    reader: ReaderConfig = field(default_factory=ReaderConfig)
    export: ExportConfig = field(default_factory=ExportConfig)
    keys: dict[str, str] = field(default_factory=dict)
    """Action id -> comma-separated key names, overriding the defaults."""
    feeds: list[FeedConfig] = field(default_factory=list)
    searches: dict[str, str] = field(default_factory=dict)
    """Saved searches: view name -> query."""
    rules: list[RuleConfig] = field(default_factory=list)
    path: Path | None = None
    """The file this was read from, or ``None`` for defaults."""

    def feed_settings(self, url: str) -> FeedConfig:
        """Return the settings for a feed URL (defaults when it has none)."""
        for f in self.feeds:
            if f.url == url:
                return f
        return FeedConfig(url=url)


_SECTIONS = {"fetch": FetchConfig, "store": StoreConfig, "reader": ReaderConfig,
             "export": ExportConfig}


def _check(value: Any, typ: Any, where: str, file: str) -> Any:
    def bad(what: str) -> ConfigError:
        return ConfigError(f"{file}: {where}: expected {what}, got {value!r}", source=file)

    if typ is bool:
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if typ is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("an integer")
        if value < 0:
            raise bad("a number >= 0")
        return value
    if typ is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad("a number")
        return float(value)
    if typ is str:
        if not isinstance(value, str):
            raise bad("a string")
        return value
    raise bad(str(typ))


def _fill(cls: type, table: Any, where: str, file: str) -> Any:
    if not isinstance(table, dict):
        raise ConfigError(f"{file}: {where}: expected a table, got {table!r}", source=file)
    hints = get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, value in table.items():
        if key not in names:
            raise ConfigError(f"{file}: {where}.{key}: unknown key", source=file)
        typ = hints[key]
        if typ == list[str]:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{file}: {where}.{key}: expected a list of strings, got "
                                  f"{value!r}", source=file)
            kwargs[key] = list(value)
        else:
            kwargs[key] = _check(value, typ, f"{where}.{key}", file)
    return cls(**kwargs)


def _str_table(table: Any, where: str, file: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ConfigError(f"{file}: {where}: expected a table, got {table!r}", source=file)
    for k, v in table.items():
        if not isinstance(v, str):
            raise ConfigError(f"{file}: {where}.{k}: expected a string, got {v!r}", source=file)
    return dict(table)


def parse_config(data: dict[str, Any], file: str = "config.toml") -> Config:
    """Build a :class:`Config` from a parsed TOML table.

    Raises:
        ConfigError: naming ``file`` and the dotted key for an unknown key or a wrong type.
    """
    cfg = Config()
    for key, value in data.items():
        if key in _SECTIONS:
            setattr(cfg, key, _fill(_SECTIONS[key], value, key, file))
        elif key in ("keys", "searches"):
            setattr(cfg, key, _str_table(value, key, file))
        elif key in ("feeds", "rules"):
            if not isinstance(value, list):
                raise ConfigError(f"{file}: {key}: expected an array of tables ([[{key}]])",
                                  source=file)
            cls = FeedConfig if key == "feeds" else RuleConfig
            setattr(cfg, key, [_fill(cls, v, f"{key}[{i}]", file) for i, v in enumerate(value)])
        else:
            raise ConfigError(f"{file}: {key}: unknown key", source=file)
    return cfg


def load_config(path: Path) -> Config:
    """Read the config file at ``path``; a missing file gives the defaults.

    Raises:
        ConfigError: the file is unreadable, not valid TOML (with line and column), or has a
            bad key.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path=None)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror}",
                          source=str(path)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the config file is not UTF-8 text", source=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}; fix or remove the file",
                          source=str(path)) from None
    cfg = parse_config(data, str(path))
    cfg.path = path
    return cfg


def set_value(path: Path, section: str, key: str, value: Any) -> None:
    """Write one ``[section] key = value`` into the config file, keeping the user's comments.

    Used for settings the reader remembers (the theme). Creates the file when missing.

    Raises:
        ConfigError: the file cannot be read, parsed or written.
    """
    import tomlkit

    try:
        doc = tomlkit.parse(path.read_text("utf-8")) if path.exists() else tomlkit.document()
        table = doc.get(section)
        if table is None:
            table = tomlkit.table()
            doc[section] = table
        table[key] = value
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".toml.tmp")
        tmp.write_text(tomlkit.dumps(doc), "utf-8")
        os.replace(tmp, path)
    except (OSError, tomlkit.exceptions.TOMLKitError) as exc:
        raise ConfigError(f"{path}: cannot update {section}.{key}: {exc}", source=str(path)) from None
