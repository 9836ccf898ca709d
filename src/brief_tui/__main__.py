"""Entry point: ``brief-tui`` (and ``python -m brief_tui``).

Without a subcommand this opens the reader through :func:`make_app`, the factory the tests use
too; with one it runs the command line in :mod:`brief_tui.cli`.
"""

from __future__ import annotations

import sys


def make_app(data_dir=None, config_path=None, *, service=None, seed: bool = True):
    """Build the reader app over a service (opened from the data dir when not given).

    Args:
        data_dir / config_path: overrides as for the command line.
        service: an open :class:`brief_tui.service.Service` (tests pass one).
        seed: import the bundled sample content into an empty, never-seeded cache.
    """
    from brief_tui.service import Service
    from brief_tui.tui.app import BriefApp

    if service is None:
        service = Service.open(data_dir, config_path)
    if seed:
        service.seed_bundled()
    return BriefApp(service)


def run_reader(data_dir=None, config_path=None) -> int:
    """Open the reader in the terminal; returns the exit status."""
    from brief_tui.domain.errors import BriefError

    try:
        app = make_app(data_dir, config_path)
    except BriefError as exc:
        print(f"brief-tui: {exc}", file=sys.stderr)
        return 1
    try:
        app.run()
    finally:
        app.service.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point."""
    from brief_tui.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
