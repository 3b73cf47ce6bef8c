"""Times in a transcript as people read them: minutes and seconds, hours only when needed."""

from __future__ import annotations


def format_time(seconds: float) -> str:
    """``754.2`` -> ``12:34``; ``3723`` -> ``1:02:03`` (how podcast players show times)."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
