"""Layering: the engine never imports the UI toolkit; the faces never reach past the service.

Two checks: a subprocess that imports every engine module and then looks in ``sys.modules``,
and the import-linter contracts in pyproject.toml.
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import brief_tui

ENGINE = ("domain", "fetch", "parse", "extract", "store", "export")
ROOT = Path(__file__).resolve().parents[2]


def engine_modules() -> list[str]:
    names = ["brief_tui.service", "brief_tui.cli", "brief_tui.config", "brief_tui.paths",
             "brief_tui.pipeline", "brief_tui.jsonshape"]
    for layer in ENGINE:
        pkg = __import__(f"brief_tui.{layer}", fromlist=["_"])
        names.append(pkg.__name__)
        names += [m.name for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")]
    return names


# An import hook that records which module asked for textual or rich: third-party libraries may
# (httpx imports rich for its own command line when rich is installed); brief_tui's engine may not.
_PROBE = """
import importlib, sys
bad = []
class Probe:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('textual', 'rich'):
            f = sys._getframe(1)
            while f and f.f_globals.get('__name__', '').startswith(('importlib', '_frozen')):
                f = f.f_back
            who = f.f_globals.get('__name__', '') if f else ''
            if who.startswith('brief_tui'):
                bad.append(who + ' -> ' + name)
        return None
sys.meta_path.insert(0, Probe())
for name in NAMES:
    importlib.import_module(name)
print(','.join(sorted(set(bad))))
"""


def test_engine_modules_do_not_load_textual_or_rich():
    code = _PROBE.replace("NAMES", repr(engine_modules()))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ""


def test_import_linter_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is in the test extra"
    r = subprocess.run([exe, str(ROOT / "pyproject.toml")], capture_output=True,
                       text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Contracts: 2 kept, 0 broken." in r.stdout


def test_version_is_the_only_thing_imported_at_package_import():
    assert brief_tui.__version__ == "0.1.0"
