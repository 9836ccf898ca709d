"""The Jinja2 environment of export templates: sandboxed, strict, Markdown filters.

Templates run in :class:`jinja2.sandbox.ImmutableSandboxedEnvironment` (no attribute access to
internals, no mutation of the context), with :class:`jinja2.StrictUndefined` (a misspelt
variable is an error, not an empty string), autoescape off, ``trim_blocks`` and
``lstrip_blocks`` on. Any failure, at load or render time, becomes an
:class:`~brief_tui.domain.errors.ExportError` naming the template file and line:
``/home/me/.config/brief-tui/templates/mine.md.j2:3: unexpected '}'``.

Filters (besides Jinja's built-ins): ``md`` (escape feed text), ``quote`` (``> `` on every
line), ``autolink`` (``<url>`` for web URLs), ``link(url)`` (``[text](<url>)``), ``yaml`` (one
YAML scalar), ``front_matter`` (a mapping to a ``---`` block), ``tag`` (Obsidian tag form),
``oneline`` (collapse whitespace).
"""

from __future__ import annotations

import re

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from brief_tui.domain.errors import ExportError
from brief_tui.domain.text import clean_line
from brief_tui.export.escape import (
    clean,
    clean_one_line,
    md_autolink,
    md_escape,
    md_link,
    md_quote,
    obsidian_tag,
)
from brief_tui.export.yamlfm import front_matter, yaml_scalar

_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def make_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    """A sandboxed environment with the export filters, loading templates from ``loader``."""
    env = ImmutableSandboxedEnvironment(
        loader=loader, undefined=jinja2.StrictUndefined, autoescape=False,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        newline_sequence="\n", auto_reload=False)
    env.filters.update({
        "md": md_escape, "quote": md_quote, "autolink": md_autolink,
        "link": lambda text, url: md_link(text, url), "yaml": yaml_scalar,
        "front_matter": front_matter, "tag": obsidian_tag,
        "oneline": lambda v: clean_one_line("" if v is None else str(v)),
    })
    return env


def finish(text: str) -> str:
    """Normalise rendered Markdown: controls removed, LF line ends, no trailing blanks on a
    line, at most one blank line in a row, no leading blank lines, exactly one final LF."""
    text = _TRAILING.sub("", clean(text))
    text = _BLANK_RUNS.sub("\n\n", text).lstrip("\n").rstrip("\n")
    return text + "\n"


def _where(exc: BaseException, fallback: str) -> str:
    """``file:line`` of the innermost template frame of a render error, else ``fallback``."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{exc.filename or exc.name or fallback}:{exc.lineno}"
    found = fallback
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


def template_error(exc: BaseException, fallback: str) -> ExportError:
    """An :class:`ExportError` ``"<file>:<line>: <message>"`` for a Jinja or Python error raised
    while loading or rendering a template."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        message = exc.message or "syntax error"
    elif isinstance(exc, UnicodeDecodeError):
        message = "the template is not UTF-8 text"
    elif isinstance(exc, jinja2.TemplateNotFound):
        message = f"template not found: {exc.name}"
    elif isinstance(exc, jinja2.TemplateError):
        message = exc.message or type(exc).__name__
    elif isinstance(exc, RecursionError):
        message = "recursion too deep"
    else:
        message = f"{type(exc).__name__}: {exc}"
    where = _where(exc, fallback)
    return ExportError(f"{where}: {clean_line(message)}", source=where.rsplit(":", 1)[0])


class ExportTemplate:
    """A compiled export template.

    Args:
        env: the environment from :func:`make_environment`.
        name: the template's name in ``env``'s loader (``"mine.md.j2"``).

    Raises:
        ExportError: the template (or one it extends) does not parse; names file and line.
    """

    def __init__(self, env: jinja2.Environment, name: str) -> None:
        self.name = name
        try:
            self._template = env.get_template(name)
        except Exception as exc:  # noqa: BLE001 - every load failure names the file
            raise template_error(exc, name) from None
        self.filename: str = self._template.filename or name
        """The template's file (for messages)."""

    def render(self, context: dict) -> str:
        """Render with ``context`` and :func:`finish` the text.

        Raises:
            ExportError: any error in the template (undefined variable, sandbox violation,
                bad filter argument…), naming the file and line.
        """
        try:
            text = self._template.render(context)
        except Exception as exc:  # noqa: BLE001 - user templates can fail in any way
            raise template_error(exc, self.filename) from None
        return finish(text)
