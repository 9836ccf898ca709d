"""brief-tui: a fast, offline-first terminal reader for news feeds and analyst briefings.

Nothing is imported at package import time beyond the version string, so that the
command line starts fast and the engine never pulls in the UI toolkit.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
