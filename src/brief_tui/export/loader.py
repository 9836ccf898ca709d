"""Finding export templates on disk (one of the two export modules that do I/O).

A template name ``NAME`` is looked up as ``<config dir>/templates/NAME.md.j2`` first, then among
the built-in templates shipped in the package (``default``), so a user file named
``default.md.j2`` replaces the built-in default; the built-ins stay reachable from templates as
``builtin/default.md.j2`` (``{% include "builtin/default.md.j2" %}`` then your own additions).
Other user templates can be included the same way by file name. A value with a path separator,
or ending in ``.j2``, that names an existing file is used as that file.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import jinja2

from brief_tui.domain.errors import ExportError, NotFoundError
from brief_tui.export.environment import ExportTemplate, make_environment

BUILTIN_TEMPLATES = ("default",)
"""Names of the templates shipped in ``brief_tui/export/templates/``."""
DEFAULT_TEMPLATE = "default"
SUFFIX = ".md.j2"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _builtin_loader() -> jinja2.BaseLoader:
    return jinja2.PackageLoader("brief_tui.export", "templates", encoding="utf-8")


@functools.lru_cache(maxsize=1)
def default_template() -> ExportTemplate:
    """The built-in default template (compiled once per process)."""
    env = make_environment(jinja2.ChoiceLoader([
        _builtin_loader(), jinja2.PrefixLoader({"builtin": _builtin_loader()})]))
    return ExportTemplate(env, DEFAULT_TEMPLATE + SUFFIX)


def load_template(name: str | None = None, templates_dir: Path | None = None
                  ) -> ExportTemplate:
    """Load an export template by name (or path).

    Args:
        name: ``"default"``, ``"mine"`` (``mine.md.j2``), ``"mine.md.j2"``, or a path to a
            ``.j2`` file; ``None`` or ``""`` means ``"default"``.
        templates_dir: the user template directory (``paths.templates_dir(config)``), or
            ``None`` to use only the built-ins.

    Returns:
        The compiled template.

    Raises:
        NotFoundError: no such template (names where it looked).
        ExportError: the template does not parse (names the file and line), or the name is not
            a plain file name.
    """
    name = (name or DEFAULT_TEMPLATE).strip()
    dirs: list[str] = []
    candidate = Path(name).expanduser()
    if (os.sep in name or "/" in name or name.endswith(".j2")) and candidate.is_file():
        dirs.append(str(candidate.resolve().parent))
        file_name = candidate.name
    else:
        if not _NAME.fullmatch(name) or ".." in name:
            raise ExportError(f"{name!r}: a template name is a file name in the templates "
                              f"directory (letters, digits, '.', '_', '-')", source=name)
        file_name = name if name.endswith(SUFFIX) else name + SUFFIX
    if name in (DEFAULT_TEMPLATE, DEFAULT_TEMPLATE + SUFFIX) and (
            templates_dir is None or not (templates_dir / file_name).is_file()):
        return default_template()
    if templates_dir is not None:
        dirs.append(str(templates_dir))
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(dirs, encoding="utf-8", followlinks=False),
        _builtin_loader(),
        jinja2.PrefixLoader({"builtin": _builtin_loader()}),
    ])
    env = make_environment(loader)
    try:
        env.loader.get_source(env, file_name)  # type: ignore[union-attr]
    except jinja2.TemplateNotFound:
        where = f"{templates_dir}" if templates_dir is not None else "no template directory"
        raise NotFoundError(f"{name}: no such export template (looked in {where} and the "
                            f"built-in templates: {', '.join(BUILTIN_TEMPLATES)})",
                            source=name) from None
    except UnicodeDecodeError:
        path = Path(dirs[0]) / file_name if dirs else Path(file_name)
        raise ExportError(f"{path}: the template is not UTF-8 text", source=str(path)) from None
    except OSError as exc:
        raise ExportError(f"{file_name}: cannot read the template: {exc.strerror}",
                          source=file_name) from None
    return ExportTemplate(env, file_name)
