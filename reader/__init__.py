"""Episode Reader: offline reading, search, notes and quotes for episode transcripts.

This package is the Qt-free core; the desktop interface lives in ``reader.ui``.
"""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Episode Reader"
APP_ID = "episode-reader"
