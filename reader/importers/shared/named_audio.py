"""The audio file a transcript's metadata names: front matter ``audio: ep12.mp3``, a JSON
transcript's ``"audio"`` or a Podcasting 2.0 style ``"enclosure": {"url": ...}``.

Only the text is taken here; ``reader.audio.pairing`` decides whether it names a file in the
library (a URL never does: nothing is fetched).
"""

from __future__ import annotations

from typing import Any

#: Keys (lower case, without ``_``, ``-`` and spaces) whose value names the audio, best first.
AUDIO_KEYS = (
    "audio", "audiofile", "audiopath", "audiourl", "recording", "media", "mediafile",
    "mediaurl", "enclosure", "enclosureurl",
)  # fmt: skip
MAX_CHARS = 1_000


def _plain_key(key: Any) -> str:
    return str(key).lower().replace("_", "").replace("-", "").replace(" ", "")


def _text(value: Any) -> str | None:
    if isinstance(value, dict):  # enclosure: {url: ..., type: audio/mpeg}
        value = next((value[k] for k in value if _plain_key(k) in ("url", "path", "file")), None)
    if isinstance(value, str) and 0 < len(value.strip()) <= MAX_CHARS:
        return value.strip()
    return None


def named_audio(values: dict[Any, Any]) -> str | None:
    """The first audio name among ``values``' keys (``AUDIO_KEYS``), as written, else None."""
    found = {_plain_key(key): value for key, value in values.items()}
    for key in AUDIO_KEYS:
        text = _text(found.get(key))
        if text is not None:
            return text
    return None
