"""Snapshot fixtures: the real app over the fixed sample data, with nothing left to chance
(fixed clock and time zone, no cursor blink, workers and writes awaited before the shot)."""

from __future__ import annotations

import os
import time

os.environ["TZ"] = "UTC"
time.tzset()
