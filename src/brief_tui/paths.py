"""Where brief-tui keeps its files. Functions, never import-time constants.

The data directory (the SQLite cache) comes from, in order: an explicit argument
(``--data-dir``), the ``BRIEF_TUI_DATA_DIR`` environment variable, the platformdirs user data
directory. The config file comes from ``--config``, ``BRIEF_TUI_CONFIG``, or ``config.toml`` in
the platformdirs user config directory.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "brief-tui"
DB_NAME = "brief.db"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data directory (not created).

    Args:
        override: ``--data-dir`` value, or ``None``.
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get("BRIEF_TUI_DATA_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def db_path(data: Path) -> Path:
    """Return the cache database path inside a data directory."""
    return data / DB_NAME


def config_file(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the config file path (it may not exist).

    Args:
        override: ``--config`` value, or ``None``.
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get("BRIEF_TUI_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def config_dir(config_path: Path) -> Path:
    """Return the directory that holds the config file and user templates."""
    return config_path.parent


def templates_dir(config_path: Path) -> Path:
    """Return the directory of user export templates (``<config dir>/templates``)."""
    return config_path.parent / "templates"


def default_export_dir() -> Path:
    """Return the default export directory: ``~/Documents/brief-tui`` or ``~/brief-tui``."""
    import platformdirs

    docs = Path(platformdirs.user_documents_dir())
    return (docs if docs.is_dir() else Path.home()) / APP_NAME
