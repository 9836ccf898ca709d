"""Writing an export plan to disk (the export's writer: the only module that writes files).

Every file is written whole or not at all: the bytes go to a hidden temporary file in the
target directory, are flushed to disk, and take the final name with one rename. Without
``force`` nothing that exists is replaced: all targets are checked before the first write, and
the final step links the temporary file to its name (``os.link`` fails if the name appeared
meanwhile); with ``force`` it is ``os.replace``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from brief_tui.domain.errors import ExportError
from brief_tui.export.names import check_relative

EXISTS = "exists"
"""Category of the :class:`ExportError` raised when a file exists and ``force`` is off: the TUI
asks the user, then calls again with ``force=True``."""
_FILE_MODE = 0o644


def _target(out_dir: Path, rel: str) -> Path:
    try:
        check_relative(rel)
    except ValueError as exc:
        raise ExportError(f"{out_dir}: refusing to write {exc}", source=str(out_dir)) from None
    target = out_dir / rel
    root = out_dir.resolve()
    if root not in target.resolve().parents:
        raise ExportError(f"{target}: resolves outside the export directory {root}",
                          source=str(target))
    return target


def exists_error(path: Path) -> ExportError:
    """The refusal to overwrite ``path`` (category :data:`EXISTS`)."""
    return ExportError(f"{path}: already exists; use --force to overwrite", source=str(path),
                       category=EXISTS)


def _write_one(target: Path, data: bytes, force: bool) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp",
                               dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        mode = _FILE_MODE
        with contextlib.suppress(OSError):
            mode = target.stat().st_mode & 0o777
        os.chmod(tmp, mode)
        if force:
            os.replace(tmp, target)
            return
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise exists_error(target) from None
        except OSError:
            # No hard links on this file system (FAT, some network shares): check, then rename.
            if target.exists():
                raise exists_error(target) from None
            os.replace(tmp, target)
            return
        os.unlink(tmp)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def place_plan(plan: Sequence[tuple[str, str]], *, stem: str, default_dir: Path,
               out: str | os.PathLike[str] | None = None, split: bool = False
               ) -> tuple[Path, list[tuple[str, str]]]:
    """Decide where an export plan goes.

    Args:
        plan: ``(file name, text)`` pairs from :func:`plan_files`.
        stem: the export's default name (:func:`export_name`), used for the ``--split`` folder.
        default_dir: the configured export directory.
        out: ``--out``: with ``split`` the directory to fill; else a file path, or an existing
            directory (or one written with a trailing ``/``) to put the default name in.
        split: one file per story.

    Returns:
        ``(directory, plan)`` for :func:`write_export`: without ``out`` the files go to
        ``default_dir`` (``--split``: ``default_dir/<stem>/``); a single file given by ``out``
        takes that name.
    """
    files = list(plan)
    if out is None:
        return (default_dir / stem if split else default_dir), files
    raw = os.fspath(out)
    path = Path(raw).expanduser()
    if split or path.is_dir() or raw.endswith(("/", os.sep)) or len(files) != 1:
        return path, files
    return path.parent, [(path.name, files[0][1])]


def write_export(plan: Sequence[tuple[str, str]], out_dir: Path, *, force: bool = False
                 ) -> list[Path]:
    """Write the files of an export plan into a directory.

    Args:
        plan: ``(relative path, Markdown text)`` pairs from :func:`plan_files`; paths use ``/``
            and must stay inside ``out_dir``.
        out_dir: the directory (created with its parents when missing).
        force: replace files that exist.

    Returns:
        The written paths, in plan order.

    Raises:
        ExportError: a path escapes ``out_dir``; a target exists and ``force`` is off
            (category ``"exists"``, names the first such file; nothing is written); a target
            is a directory; the directory or a file cannot be written (names it).
    """
    targets = [(_target(out_dir, rel), text) for rel, text in plan]
    for target, _ in targets:
        if target.is_dir():
            raise ExportError(f"{target}: is a directory", source=str(target))
        if not force and (target.exists() or target.is_symlink()):
            raise exists_error(target)
    written: list[Path] = []
    for target, text in targets:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_one(target, text.encode("utf-8"), force)
        except OSError as exc:
            raise ExportError(f"{target}: cannot write the export: {exc.strerror or exc}",
                              source=str(target)) from None
        written.append(target)
    return written
