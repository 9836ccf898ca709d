"""Themes: TOML files of Textual :class:`~textual.theme.Theme` colours, registered at startup.

Each ``*.toml`` in the themes directory holds one theme::

    name = "brief-dark"
    dark = true
    primary = "#5fafd7"
    background = "#121619"
    # secondary, accent, warning, error, success, foreground, surface, panel, boost (optional)

    [variables]              # optional Textual design variables
    "footer-key-foreground" = "#5fafd7"

The directory is ``brief_tui/themes`` inside an installed wheel (the build maps the
repository's top-level ``themes/`` there) and the repository's ``themes/`` in a checkout.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.theme import Theme

COLOUR_KEYS = ("primary", "secondary", "warning", "error", "success", "accent", "foreground",
               "background", "surface", "panel", "boost")
DEFAULT_DARK = "brief-dark"
DEFAULT_LIGHT = "brief-light"


@dataclass(frozen=True, slots=True)
class ThemeProblem:
    """A theme file that could not be used: ``path`` and one line saying why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def themes_dir(package_dir: Path | None = None) -> Path | None:
    """Find the themes directory.

    Args:
        package_dir: the ``brief_tui`` package directory (tests pass a fake wheel layout);
            defaults to the installed package.

    Returns:
        ``<package>/themes`` when it exists (an installed wheel), else the checkout's
        top-level ``themes/`` (``<package>/../../themes``), else ``None``.
    """
    package = package_dir or Path(__file__).resolve().parent.parent
    for candidate in (package / "themes", package.parent.parent / "themes"):
        if candidate.is_dir() and any(candidate.glob("*.toml")):
            return candidate
    return None


def parse_theme(data: dict, path: Path) -> Theme:
    """Build a Theme from a parsed theme file.

    Raises:
        ValueError: a missing ``name``/``primary``, an unknown key or a wrong type (the
            message names the key).
    """
    known = {"name", "dark", "luminosity_spread", "text_alpha", "variables", *COLOUR_KEYS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}")
    for key in ("name", "primary"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ValueError(f"{key!r} must be a non-empty string")
    kwargs: dict = {"name": data["name"], "dark": bool(data.get("dark", True))}
    for key in COLOUR_KEYS:
        if key in data:
            if not isinstance(data[key], str):
                raise ValueError(f"{key!r} must be a colour string")
            kwargs[key] = data[key]
    for key in ("luminosity_spread", "text_alpha"):
        if key in data:
            kwargs[key] = float(data[key])
    variables = data.get("variables", {})
    if not isinstance(variables, dict) or not all(isinstance(v, str)
                                                  for v in variables.values()):
        raise ValueError("'variables' must be a table of strings")
    kwargs["variables"] = dict(variables)
    theme = Theme(**kwargs)
    theme.to_color_system()  # raises on a colour Textual cannot parse
    return theme


def load_themes(directory: Path | None) -> tuple[list[Theme], list[ThemeProblem]]:
    """Read every ``*.toml`` theme in ``directory`` (sorted by file name).

    Returns:
        ``(themes, problems)``: usable themes, and one problem per file that was skipped.
    """
    themes: list[Theme] = []
    problems: list[ThemeProblem] = []
    if directory is None:
        return themes, problems
    for path in sorted(directory.glob("*.toml")):
        try:
            themes.append(parse_theme(tomllib.loads(path.read_text("utf-8")), path))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError,
                TypeError) as exc:
            problems.append(ThemeProblem(path, str(exc) or type(exc).__name__))
        except Exception as exc:  # noqa: BLE001 - a colour Textual rejects
            problems.append(ThemeProblem(path, f"{type(exc).__name__}: {exc}"))
    return themes, problems
